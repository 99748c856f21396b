/**
 * The made-up country `bench:search` searches (`bench/search.ts`): the 631 Greater Manchester
 * pharmacies, by their offsets from the GM centroid, shrunk by a random 0.5–0.8 and copied around
 * every current English local authority centroid, a share of them in proportion to the
 * authority's population (dense cities, empty gaps); and the places searched from: city centres,
 * suburbs and remote places. Everything random comes from the one seeded generator passed in, so a
 * run is the same country and the same searches every time.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Coordinates, Outlet, WeeklyScheduleRow } from '../functions/contract/outlet.js';
import { weekdays } from '../functions/contract/outlet.js';
import { parseCsvLine } from '../functions/core/csv.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What shapes the country and the searches (the bench's `config` has these fields). */
export interface PlacesConfig {
  readonly targetOutlets: number;
  readonly minimumPerAuthority: number;
  readonly scaleRange: readonly [number, number];
  readonly searches: number;
  readonly pointMix: { readonly cityCentre: number; readonly suburb: number; readonly remote: number };
}

/** A number in [0, 1), from the run's seeded generator. */
export type Random = () => number;

const uniform = (random: Random, min: number, max: number) => min + random() * (max - min);

/** A seeded Fisher–Yates shuffle of a copy. */
function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

export interface Authority {
  code: string;
  centre: Coordinates;
  population: number;
}

export function englishAuthorities(): Authority[] {
  const [header, ...lines] = readFileSync(join(root, 'data/uk-local-authorities-mysociety.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = parseCsvLine(header ?? '');
  const at = (name: string) => columns.indexOf(name);
  return lines
    .map(parseCsvLine)
    .filter((row) => row[at('nation')] === 'England' && row[at('current-authority')] === 'True' && row[at('lower-or-unitary')] === 'True')
    .map((row) => ({
      code: row[at('gss-code')] ?? '',
      centre: { lat: Number(row[at('lat')]), lng: Number(row[at('long')]) },
      population: Number(row[at('pop-2020')]) || 0,
    }))
    .filter((authority) => Number.isFinite(authority.centre.lat) && Number.isFinite(authority.centre.lng));
}

interface Pharmacy {
  name: string;
  address: string;
  postcode: string;
  location: Coordinates;
  weekly: WeeklyScheduleRow[];
}

/** NHS-style day strings (`08:30-13:00,14:00-17:30`, `CLOSED`) as weekly rows; anything odd is left out. */
function weeklyRows(properties: Record<string, unknown>): WeeklyScheduleRow[] {
  return weekdays.flatMap((day) => {
    const text = String(properties[`opening_hours_${day}`] ?? '');
    return [...text.matchAll(/(\d{2}:\d{2})-(\d{2}:\d{2})/g)].map((match) => ({
      byDay: day,
      opensAt: match[1] ?? '00:00',
      closesAt: match[2] ?? '00:00',
    }));
  });
}

function gmPharmacies(): Pharmacy[] {
  const geojson = JSON.parse(readFileSync(join(root, 'data/gm-pharmacies-2025q1.geojson'), 'utf8')) as {
    features: { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[];
  };
  return geojson.features.map(({ properties, geometry }) => ({
    name: String(properties.pharmacy_name),
    address: String(properties.address),
    postcode: String(properties.postcode),
    location: { lat: geometry.coordinates[1], lng: geometry.coordinates[0] },
    weekly: weeklyRows(properties),
  }));
}

/** Copies of the GM pharmacies around each authority, in proportion to its population. */
export function buildOutlets(outletSchema: { parse(value: unknown): Outlet }, config: PlacesConfig, random: Random): Outlet[] {
  const pharmacies = gmPharmacies();
  const gmCentre = {
    lat: pharmacies.reduce((sum, p) => sum + p.location.lat, 0) / pharmacies.length,
    lng: pharmacies.reduce((sum, p) => sum + p.location.lng, 0) / pharmacies.length,
  };
  const authorities = englishAuthorities();
  const totalPopulation = authorities.reduce((sum, authority) => sum + authority.population, 0);
  const outlets: Outlet[] = [];
  for (const authority of authorities) {
    const wanted = Math.min(
      pharmacies.length,
      Math.max(config.minimumPerAuthority, Math.round((authority.population / totalPopulation) * config.targetOutlets)),
    );
    const scale = uniform(random, config.scaleRange[0], config.scaleRange[1]);
    // Keep offsets in km, not degrees: a degree of longitude shrinks towards the north.
    const lngStretch = Math.cos((gmCentre.lat * Math.PI) / 180) / Math.cos((authority.centre.lat * Math.PI) / 180);
    const picked = shuffled(pharmacies, random).slice(0, wanted);
    for (const pharmacy of picked) {
      const id = `bench-${outlets.length}`;
      const roll = random();
      outlets.push(
        outletSchema.parse({
          id,
          name: pharmacy.name,
          organisation: pharmacy.name,
          outletType: 'pharmacy',
          supplyBasis: 'pharmacy',
          address: { lines: [pharmacy.address.slice(0, 120)], town: 'Benchtown', postcode: pharmacy.postcode },
          location: {
            lat: authority.centre.lat + (pharmacy.location.lat - gmCentre.lat) * scale,
            lng: authority.centre.lng + (pharmacy.location.lng - gmCentre.lng) * scale * lngStretch,
          },
          phone: null,
          website: null,
          hours: { weekly: pharmacy.weekly, exceptions: [], bankHolidays: 'unknown' },
          kitTypes: random() < 0.3 ? ['nasal', 'injectable'] : ['nasal'],
          eligibility: { free: true, noIdNeeded: random() < 0.7, walkIn: random() < 0.8, familyAndFriendsCanCollect: true, minimumAge: null },
          languages: ['English'],
          accessibility: null,
          status: roll < 0.03 ? 'inactive' : roll < 0.06 ? 'temporarily_closed' : 'active',
          alert: null,
          stock: { status: 'unknown', updatedAt: null },
          assuredAt: null,
          odsCode: null,
          localAuthorityCode: authority.code,
          demo: true,
        }),
      );
    }
  }
  return outlets;
}

/** Remote places with few or no outlets near them. */
const remotePlaces: Record<string, Coordinates> = {
  'North Pennines': { lat: 54.72, lng: -2.25 },
  Dartmoor: { lat: 50.57, lng: -3.92 },
  Kielder: { lat: 55.23, lng: -2.58 },
  'Lake District': { lat: 54.46, lng: -3.09 },
  Exmoor: { lat: 51.13, lng: -3.64 },
  'North York Moors': { lat: 54.37, lng: -0.88 },
};

/** A point about `km` away from `centre` in a random direction. */
function offsetKm(centre: Coordinates, km: number, random: Random): Coordinates {
  const bearing = uniform(random, 0, 2 * Math.PI);
  return {
    lat: centre.lat + (km * Math.cos(bearing)) / 111.2,
    lng: centre.lng + (km * Math.sin(bearing)) / (111.2 * Math.cos((centre.lat * Math.PI) / 180)),
  };
}

export function searchPoints(authorities: Authority[], config: PlacesConfig, random: Random): { kind: string; point: Coordinates }[] {
  const byPopulation = [...authorities].sort((a, b) => b.population - a.population);
  const cities = byPopulation.slice(0, 60);
  const remote = Object.values(remotePlaces);
  return Array.from({ length: config.searches }, () => {
    const roll = random();
    if (roll < config.pointMix.cityCentre) {
      const city = cities[Math.floor(random() * cities.length)] ?? byPopulation[0];
      return { kind: 'city centre', point: offsetKm(city?.centre ?? { lat: 53.48, lng: -2.24 }, uniform(random, 0, 1.5), random) };
    }
    if (roll < config.pointMix.cityCentre + config.pointMix.suburb) {
      const town = authorities[Math.floor(random() * authorities.length)];
      return { kind: 'suburb', point: offsetKm(town?.centre ?? { lat: 53.48, lng: -2.24 }, uniform(random, 3, 12), random) };
    }
    const place = remote[Math.floor(random() * remote.length)] ?? { lat: 54.72, lng: -2.25 };
    return { kind: 'remote', point: offsetKm(place, uniform(random, 0, 10), random) };
  });
}
