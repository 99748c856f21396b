/**
 * `npm run build:place-names`: makes the town and area list the search finds places by name in
 * (`functions/core/place-names.generated.json`) from two open data files in `data/`:
 *
 * - `uk-postcode-districts.csv`: each postcode district's post towns and towns and areas, its
 *   centroid and the authority it lies in ("Region"). Retired and non-geographic districts (no
 *   active postcodes) are left out.
 * - `uk-local-authorities-mysociety.csv`: the current local authorities, their other names and
 *   centroids.
 *
 * A name in two postcode areas is two places (Newport NP, Newport PO30), told apart by the
 * authority most of their districts are in ("Isle of Wight"), or by the region or nation when that
 * authority has the place's own name ("Newport, Wales"). A place's centre is the mean of its
 * districts' centroids, weighted by population; for a post town, only the districts of that post
 * town count, so a village of the same name in a neighbouring district does not pull it away. An
 * authority with the name of a town in it is that town (Stockport); others are places of their own
 * (Trafford), centred on the authority's centroid.
 *
 * A test (`test/scripts/build-place-names.test.ts`) checks the committed file is what this makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { parseCsv } from '../functions/core/csv.js';
import { haversineKm } from '../functions/core/distance.js';
import { normalisePlaceName, type PlaceNameData } from '../functions/core/place-names.js';

/** Parts of one name closer than this are one place; further apart, places of the same name. */
const sameTownKm = 25;

export const districtsPath = new URL('../data/uk-postcode-districts.csv', import.meta.url);
export const authoritiesPath = new URL('../data/uk-local-authorities-mysociety.csv', import.meta.url);
export const outputPath = new URL('../functions/core/place-names.generated.json', import.meta.url);

/** CSV text → one object per row, by header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  const columns = header?.fields ?? [];
  return rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row.fields[index] ?? ''])));
}

/**
 * The names in a district's "Town/Area" or "Post Town" field. The field is free text: parts in
 * brackets ("Cambridge (West)") and descriptions ("Western Newport, including Bassaleg") are cut
 * down to the names in them, and what is not a place name (digits, "Large user and PO Box") is
 * left out.
 */
export function namesInField(field: string): string[] {
  const names: string[] = [];
  const text = field.replace(/\([^)]*\)?/g, ',').replace(/[()]/g, ',');
  for (const piece of text.split(/[,/]/)) {
    const name = piece.replace(/^\s*including:?\s*/i, '').replace(/\s+/g, ' ').trim();
    if (name === '' || /\d/.test(name) || name.split(' ').length > 4) continue;
    if (/\b(including|PO Box|Large user)\b/i.test(name) || !/^[A-Z]/.test(name)) continue;
    names.push(name);
  }
  return names;
}

interface District {
  outward: string;
  area: string;
  lat: number;
  lng: number;
  weight: number;
  authority: string;
  region: string;
  postTowns: string[];
}

interface Group {
  name: string;
  /** Normalised name. */
  key: string;
  districts: District[];
  /** Districts whose post town this is. */
  postTownDistricts: District[];
  aliases: Set<string>;
  centre?: { lat: number; lng: number };
  qualifier?: string;
}

function weightedCentre(districts: District[]): { lat: number; lng: number } {
  const total = districts.reduce((sum, district) => sum + district.weight, 0);
  return {
    lat: districts.reduce((sum, district) => sum + district.lat * district.weight, 0) / total,
    lng: districts.reduce((sum, district) => sum + district.lng * district.weight, 0) / total,
  };
}

/** The authority most of a group's districts are in (most people, when counts tie). */
function mainDistrict(districts: District[]): District {
  const counts = new Map<string, number>();
  for (const district of districts) counts.set(district.authority, (counts.get(district.authority) ?? 0) + 1);
  return [...districts].sort((a, b) => (counts.get(b.authority) ?? 0) - (counts.get(a.authority) ?? 0) || b.weight - a.weight)[0]!;
}

/** Builds the place list from the two CSV files' text. Deterministic: same files, same list. */
export function placeNameData(districtsCsv: string, authoritiesCsv: string): PlaceNameData {
  const districts: District[] = records(districtsCsv)
    .filter((row) => Number(row['Active postcodes']) > 0 && row.Latitude && row.Longitude)
    .map((row) => ({
      outward: row.Postcode ?? '',
      area: (row.Postcode ?? '').replace(/\d.*$/, ''),
      lat: Number(row.Latitude),
      lng: Number(row.Longitude),
      weight: Math.max(1, Number(row.Population) || 0),
      authority: (row.Region ?? '').trim(),
      region: (row['UK region'] ?? '').trim(),
      postTowns: namesInField(row['Post Town'] ?? ''),
    }))
    .filter((district) => Number.isFinite(district.lat) && Number.isFinite(district.lng));
  const townAreas = new Map(records(districtsCsv).map((row) => [row.Postcode ?? '', namesInField(row['Town/Area'] ?? '')]));

  // One group per name and postcode area first: the same post town never spans two areas' letters.
  const byNameAndArea = new Map<string, Group>();
  const groupFor = (name: string, district: District): Group => {
    const key = normalisePlaceName(name);
    const id = `${key}|${district.area}`;
    let group = byNameAndArea.get(id);
    if (!group) {
      group = { name, key, districts: [], postTownDistricts: [], aliases: new Set() };
      byNameAndArea.set(id, group);
    }
    return group;
  };
  for (const district of districts) {
    for (const name of townAreas.get(district.outward) ?? []) {
      const group = groupFor(name, district);
      if (!group.districts.includes(district)) group.districts.push(district);
    }
    for (const name of district.postTowns) {
      const group = groupFor(name, district);
      if (!group.districts.includes(district)) group.districts.push(district);
      group.postTownDistricts.push(district);
      // The post town's own spelling wins over a Town/Area spelling of the same name.
      group.name = name;
    }
  }

  // Then groups of one name close together are one place: London's post town spans eight postcode
  // areas, Newport's four are far apart. Post town groups first, so villages join their town.
  const places: Group[] = [];
  const placesByKey = new Map<string, Group[]>();
  const addPlace = (place: Group) => {
    places.push(place);
    placesByKey.set(place.key, [...(placesByKey.get(place.key) ?? []), place]);
  };
  const groups = [...byNameAndArea.values()].sort((a, b) => b.postTownDistricts.length - a.postTownDistricts.length || b.districts.length - a.districts.length);
  for (const group of groups) {
    group.centre = weightedCentre(group.postTownDistricts.length ? group.postTownDistricts : group.districts);
    const near = placesByKey.get(group.key)?.find((place) => haversineKm(place.centre!, group.centre!) <= sameTownKm);
    if (near) {
      near.districts.push(...group.districts);
      near.postTownDistricts.push(...group.postTownDistricts);
      near.centre = weightedCentre(near.postTownDistricts.length ? near.postTownDistricts : near.districts);
    } else addPlace(group);
  }
  const mains = new Map<Group, District>();
  for (const place of places) {
    const main = mainDistrict(place.postTownDistricts.length ? place.postTownDistricts : place.districts);
    mains.set(place, main);
    place.qualifier = normalisePlaceName(main.authority) === place.key || main.authority === '' ? main.region : main.authority;
  }
  // Two places of one name in one authority (Stone Cross, Wealden): their districts tell them apart.
  const byLabel = new Map<string, Group[]>();
  for (const place of places) {
    const label = `${place.key}|${place.qualifier}`;
    byLabel.set(label, [...(byLabel.get(label) ?? []), place]);
  }
  for (const same of byLabel.values()) {
    if (same.length > 1) for (const place of same) place.qualifier = `${place.qualifier} (${mains.get(place)!.outward})`;
  }

  for (const row of records(authoritiesCsv)) {
    if (row['current-authority'] !== 'True' || !row['gss-code'] || !row.lat || !row.long) continue;
    const name = (row['nice-name'] ?? '').trim();
    const centre = { lat: Number(row.lat), lng: Number(row.long) };
    if (!Number.isFinite(centre.lat) || !Number.isFinite(centre.lng)) continue;
    const names = [name, ...(row['alt-names'] ?? '').split(',').map((alias) => alias.trim())].filter(Boolean);
    const keys = new Set(names.map(normalisePlaceName));
    // The town the authority is named after, if it lies there: "Stockport", "City of Edinburgh".
    const town = [...keys].flatMap((key) => placesByKey.get(key) ?? []).find((place) => haversineKm(place.centre!, centre) <= sameTownKm);
    if (town) {
      for (const alias of names) if (normalisePlaceName(alias) !== town.key) town.aliases.add(alias);
      continue;
    }
    const key = normalisePlaceName(name);
    const aliases = names.filter((alias) => normalisePlaceName(alias) !== key);
    const region = (row.region ?? '').trim() || (row.nation ?? '').trim();
    addPlace({ name, key, districts: [], postTownDistricts: [], aliases: new Set(aliases), centre, qualifier: region });
  }

  const sorted = [...places].sort((a, b) => a.key.localeCompare(b.key) || (a.qualifier ?? '').localeCompare(b.qualifier ?? ''));
  const qualifiers = [...new Set(sorted.map((place) => place.qualifier ?? ''))].sort();
  const qualifierIndex = new Map(qualifiers.map((qualifier, index) => [qualifier, index]));
  return {
    qualifiers,
    places: sorted.map((place) => {
      const row: PlaceNameData['places'][number] = [
        place.name,
        qualifierIndex.get(place.qualifier ?? '')!,
        Math.round(place.centre!.lat * 1000),
        Math.round(place.centre!.lng * 1000),
      ];
      if (place.aliases.size) row.push([...place.aliases].sort());
      return row;
    }),
  };
}

/** The file's content: brotli at its best, as base64, because the list travels in a Lambda bundle. */
export function encodePlaceNames(data: PlaceNameData): string {
  const compressed = brotliCompressSync(Buffer.from(JSON.stringify(data)), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: 0 },
  });
  return `${JSON.stringify({ places: compressed.toString('base64') }, null, 1)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const data = placeNameData(readFileSync(districtsPath, 'utf8'), readFileSync(authoritiesPath, 'utf8'));
  const file = encodePlaceNames(data);
  writeFileSync(outputPath, file);
  const plain = Buffer.byteLength(JSON.stringify(data));
  process.stdout.write(
    `${data.places.length.toLocaleString('en-GB')} places, ${data.qualifiers.length} qualifiers: ` +
      `${(plain / 1024).toFixed(1)} KB as JSON, ${(Buffer.byteLength(file) / 1024).toFixed(1)} KB written to functions/core/place-names.generated.json\n`,
  );
}
