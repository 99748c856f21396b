/**
 * Loads the demo data into the local table on first start: Trafford's postcodes, the UK's
 * outward-code centroids and the 631 Greater Manchester pharmacies as demo outlets.
 */
import { fileURLToPath } from 'node:url';
import { getDatasetRecord, putDatasetRecord } from '../functions/data/datasets.js';
import { putOutlets } from '../functions/data/outlets.js';
import { importPostcodeFile } from '../scripts/postcode-sources.js';
import { readDemoOutlets } from './demo-outlets.js';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
export const demoDataset = 'gm-demo-2025q1';

/** Loads the demo once; later starts find the dataset record and skip it. */
export async function seedDemoData(log: (line: string) => void): Promise<void> {
  if (await getDatasetRecord(demoDataset)) return;
  const started = performance.now();
  log('First start: loading the demo data (real open data; naloxone details are illustrative)…');
  const postcodes = await importPostcodeFile(`${dataDir}trafford-postcodes-onspd-2025-02.csv`, { kind: 'postcodes' });
  const districts = await importPostcodeFile(`${dataDir}uk-postcode-districts.csv`, { kind: 'districts' });
  const converted = await readDemoOutlets(new Date());
  await putOutlets(converted.map(({ outlet }) => outlet));
  const hoursProblems = converted.flatMap(({ hoursProblems }) => hoursProblems);
  for (const problem of hoursProblems) log(`  hours not imported: ${problem}`);
  await putDatasetRecord({
    name: demoDataset,
    loadedAt: new Date().toISOString(),
    counts: { outlets: converted.length, postcodes: postcodes.imported, outwardCodes: districts.imported },
  });
  log(
    `Loaded ${converted.length} outlets, ${postcodes.imported} postcodes and ${districts.imported} outward codes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
