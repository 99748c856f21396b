/**
 * Local authority boundaries from a GeoJSON file (ONS boundary files and their extracts): each
 * feature's code and name are read from the usual property names.
 */
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { type AreaBoundary, areaBoundarySchema } from '../functions/contract/area.js';

const codeProperties = ['area_code', 'LAD24CD', 'LAD23CD', 'LAD22CD', 'lad_code', 'code'];
const nameProperties = ['area_name', 'LAD24NM', 'LAD23NM', 'LAD22NM', 'lad_name', 'name'];

const collectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ properties: z.record(z.string(), z.unknown()), geometry: z.unknown() })),
});

/** The boundaries in a GeoJSON FeatureCollection; throws naming the feature that cannot be read. */
export async function readAreaBoundaries(path: string): Promise<AreaBoundary[]> {
  const collection = collectionSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  return collection.features.map((feature, index) => {
    const pick = (names: string[]) => names.map((name) => feature.properties[name]).find((value) => typeof value === 'string');
    const parsed = areaBoundarySchema.safeParse({ code: pick(codeProperties), name: pick(nameProperties), geometry: feature.geometry });
    if (!parsed.success) throw new Error(`Feature ${index + 1} of ${path} is not a local authority boundary: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  });
}
