/**
 * Turns the real Greater Manchester pharmacy list (NHS Business Services Authority, Open Government
 * Licence v3.0) into demo outlets.
 *
 * Names, addresses, locations, ODS codes, local authorities and opening hours are the real open
 * data. Whether each pharmacy gives out naloxone is NOT in the data: kit types, stock, eligibility
 * and confirmation dates are made up here, deterministically from the ODS code, and every outlet is
 * marked `demo` so the site labels them as illustrative.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { type KitType, type Outlet, type StockStatus, weekdays } from '../functions/contract/outlet.js';
import { splitAddress } from '../functions/core/addresses.js';
import { importNhsHours } from '../functions/core/import-nhs-hours.js';
import { addDays, londonInstant, londonWallClock } from '../functions/core/london-time.js';

const dayField = z.string().optional();

/** One feature of `data/gm-pharmacies-2025q1.geojson`, checked. */
export const pharmacyFeatureSchema = z.object({
  properties: z.object({
    pharmacy_name: z.string().min(1),
    address: z.string().min(1),
    postcode: z.string().min(2),
    opening_hours_monday: dayField,
    opening_hours_tuesday: dayField,
    opening_hours_wednesday: dayField,
    opening_hours_thursday: dayField,
    opening_hours_friday: dayField,
    opening_hours_saturday: dayField,
    opening_hours_sunday: dayField,
    organisation_data_service_code: z.string().regex(/^[A-Z0-9]{3,10}$/),
    la_code: z.string().regex(/^[ENSW]\d{8}$/),
    la_name: z.string(),
  }),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
});
export type PharmacyFeature = z.infer<typeof pharmacyFeatureSchema>;

/** A number in [0, 1) fixed by the text, so the demo is the same on every machine. */
function unitFromText(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

function illustrativeKits(roll: number): KitType[] {
  if (roll < 0.7) return ['nasal'];
  if (roll < 0.9) return ['nasal', 'injectable'];
  return ['injectable'];
}

function illustrativeStock(roll: number): StockStatus {
  if (roll < 0.6) return 'in_stock';
  if (roll < 0.8) return 'running_low';
  if (roll < 0.9) return 'out';
  return 'unknown';
}

/**
 * The same London wall-clock time `days` London days before `now`: "confirmed 89 days ago" stays 89
 * as the finder counts days (London calendar days), whatever clock change lies between. Steps of 24
 * hours made it 90, and so over the 90-day mark, for the first hour of each BST day.
 */
function londonDaysBefore(now: Date, days: number): Date {
  const { date, minuteOfDay } = londonWallClock(now);
  return londonInstant(addDays(date, -days), minuteOfDay);
}

/** The demo outlet for one pharmacy; `now` anchors the illustrative "stock set" and "confirmed" dates. */
export function demoOutletFromPharmacy(feature: PharmacyFeature, now: Date): { outlet: Outlet; hoursProblems: string[] } {
  const p = feature.properties;
  const id = p.organisation_data_service_code;
  const roll = (salt: string) => unitFromText(`${id}:${salt}`);
  const { hours, problems } = importNhsHours(
    Object.fromEntries(weekdays.map((day) => [day, p[`opening_hours_${day}`]])),
  );
  const stockStatus = illustrativeStock(roll('stock'));
  const { lines, town } = splitAddress(p.address, p.la_name);
  const [lng, lat] = feature.geometry.coordinates;
  const outlet: Outlet = {
    id,
    name: p.pharmacy_name,
    organisation: p.pharmacy_name,
    outletType: 'pharmacy',
    supplyBasis: 'pharmacy',
    address: { lines, town, postcode: p.postcode },
    location: { lat, lng },
    phone: null,
    website: null,
    hours,
    kitTypes: illustrativeKits(roll('kits')),
    eligibility: {
      free: true,
      noIdNeeded: roll('id') < 0.85,
      walkIn: roll('walk-in') < 0.9,
      familyAndFriendsCanCollect: roll('family') < 0.8,
      minimumAge: null,
    },
    languages: [],
    accessibility: null,
    status: 'active',
    reopensOn: null,
    alert: null,
    stock: {
      status: stockStatus,
      updatedAt: stockStatus === 'unknown' ? null : londonDaysBefore(now, Math.floor(roll('stock-age') * 21)).toISOString(),
    },
    assuredAt: roll('assured') < 0.1 ? null : londonDaysBefore(now, Math.floor(roll('assured-age') * 90)).toISOString(),
    listedAt: now.toISOString(),
    noKitsReports: 0,
    cabinetStatus: null,
    locationDescription: null,
    // Real pharmacies: the demo never writes to their real addresses. Demo staff contacts are set
    // with the demo users (seed-demo.ts).
    contactEmail: null,
    odsCode: id,
    localAuthorityCode: p.la_code,
    demo: true,
  };
  return { outlet, hoursProblems: problems.map((problem) => `${id} ${problem.day}: ${problem.message}`) };
}

const pharmacyListPath = new URL('../data/gm-pharmacies-2025q1.geojson', import.meta.url);

/** Reads and converts the pharmacy list; a feature that breaks the schema stops the load, naming it. */
export async function readDemoOutlets(now: Date) {
  const collection = z
    .object({ features: z.array(pharmacyFeatureSchema) })
    .parse(JSON.parse(await readFile(pharmacyListPath, 'utf8')));
  return collection.features.map((feature) => demoOutletFromPharmacy(feature, now));
}
