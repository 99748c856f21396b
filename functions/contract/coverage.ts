/**
 * Coverage gaps of a local authority: how far each place is from the nearest outlet open and giving
 * out kits, on a weekday by day, a weekday night and a Sunday.
 */
import * as z from 'zod';
import { isoDateSchema } from './outlet.js';

export const coverageMomentKeySchema = z.enum(['weekday_day', 'weekday_night', 'sunday']);
export type CoverageMomentKey = z.infer<typeof coverageMomentKeySchema>;

/** One of the three moments, on its date in the coming week. */
export const coverageMomentSchema = z.object({
  key: coverageMomentKeySchema,
  /** "Wednesday 22:00". */
  label: z.string(),
  date: isoDateSchema,
  at: z.iso.datetime({ offset: true }),
});
export type CoverageMoment = z.infer<typeof coverageMomentSchema>;

/** One place and its nearest open outlet at the moment; null when none is within reach. */
export const placeGapSchema = z.object({
  /** The postcode (or outward code) whose centroid this is. */
  label: z.string(),
  lat: z.number(),
  lng: z.number(),
  distanceKm: z.number().nonnegative().nullable(),
  nearest: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type PlaceGap = z.infer<typeof placeGapSchema>;

export const coverageResultSchema = z.object({
  moment: coverageMomentSchema,
  /** Outlets open and giving out kits at the moment, in and around the area. */
  openOutlets: z.number().int().nonnegative(),
  places: z.number().int().nonnegative(),
  /** Places with no open outlet within reach (the search's 100 km). */
  withoutOutletInReach: z.number().int().nonnegative(),
  medianKm: z.number().nullable(),
  p90Km: z.number().nullable(),
  maxKm: z.number().nullable(),
  /** Percent of places with an open outlet within 1, 2 and 5 km. */
  sharePercentWithin: z.object({ '1': z.number(), '2': z.number(), '5': z.number() }),
  /** The worst-served places, furthest first. */
  worst: z.array(placeGapSchema),
  /**
   * For the map layer: the places gathered into squares of about a kilometre, each with its
   * furthest place's distance (null when one of them has no open outlet in reach).
   */
  squares: z.array(z.object({ lat: z.number(), lng: z.number(), places: z.number().int(), maxKm: z.number().nullable() })),
});
export type CoverageResult = z.infer<typeof coverageResultSchema>;
