/**
 * Local authorities as the finder knows them: their ONS code and name, their boundary (to place
 * postcode districts in them), and the commissioner's estimate of people using opiates there.
 */
import * as z from 'zod';

export const areaCodeSchema = z.string().regex(/^[ENSW]\d{8}$/, 'Enter a local authority code like E08000003');

/** Path parameters of `/api/portal/areas/{code}…`. */
export const areaPathSchema = z.object({ code: areaCodeSchema });

/**
 * The area's estimated number of people who use opiates, as the commissioner enters it with its
 * source and year (for example an OHID or university prevalence estimate): the one-kit-per-person
 * line the supply chart is drawn against (Release's recommendation).
 */
export const areaEstimateSchema = z.object(
  {
    peopleUsingOpiates: z
      .number({ error: 'Enter the number of people, as a whole number' })
      .int('Enter a whole number of people')
      .min(1, 'Enter at least 1')
      .max(1_000_000, 'Enter 1,000,000 or fewer'),
    source: z.string({ error: 'Say where the estimate comes from' }).trim().min(3, 'Say where the estimate comes from').max(300, 'Describe the source in 300 characters or fewer'),
    year: z
      .number({ error: 'Enter the year the estimate is for' })
      .int('Enter a year, like 2024')
      .min(2000, 'Enter a year from 2000')
      .max(2100, 'Enter a real year'),
  },
  { error: 'Send the estimate as a JSON object' },
);
export type AreaEstimate = z.infer<typeof areaEstimateSchema>;

/** The estimate as stored, with who set it and when. */
export const storedAreaEstimateSchema = areaEstimateSchema.extend({
  setAt: z.iso.datetime({ offset: true }),
  setBy: z.string(),
});
export type StoredAreaEstimate = z.infer<typeof storedAreaEstimateSchema>;

const ringSchema = z.array(z.array(z.number()).min(2)).min(4);

/** A boundary as GeoJSON: longitude, latitude. */
export const areaGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ringSchema).min(1)).min(1) }),
]);

/** A local authority with its boundary. */
export const areaBoundarySchema = z.object({
  code: areaCodeSchema,
  name: z.string().min(1),
  geometry: areaGeometrySchema,
});
export type AreaBoundary = z.infer<typeof areaBoundarySchema>;
