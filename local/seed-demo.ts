/**
 * Loads the demo data into the local table on first start: Trafford's postcodes, the UK's
 * outward-code centroids and the 631 Greater Manchester pharmacies as demo outlets; then the demo
 * users' profiles and memberships, also into a table loaded before there were users.
 */
import { fileURLToPath } from 'node:url';
import { getDatasetRecord, putDatasetRecord } from '../functions/data/datasets.js';
import { grantMembership, putUserProfile } from '../functions/data/memberships.js';
import { getOutlet, putOutlet, putOutlets } from '../functions/data/outlets.js';
import { putAreaBoundary } from '../functions/data/areas.js';
import { savePostalService } from '../functions/data/postal-services.js';
import { readAreaBoundaries } from '../scripts/area-boundaries.js';
import { importPostcodeFile } from '../scripts/postcode-sources.js';
import { readDemoOutlets } from './demo-outlets.js';
import { demoPostalService } from './demo-postal-services.js';
import { demoUsers, subjectOf } from './demo-users.js';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
export const demoDataset = 'gm-demo-2025q1';
/**
 * Its own record, so a local table loaded before there were users gets them on its next start; the
 * number goes up when a demo user is added (2: Tariq, Trafford's commissioner), so older tables get
 * the new one too.
 */
export const demoUsersDataset = 'demo-users-2';
/** Its own record too, so a table loaded before reminders gets the demo contacts on its next start. */
export const demoContactsDataset = 'demo-contacts-1';
/** Its own record too, so a table loaded before postal services gets the example on its next start. */
export const demoPostalDataset = 'demo-postal-1';

/** Loads the demo once; later starts find the dataset records and skip it. */
export async function seedDemoData(log: (line: string) => void): Promise<void> {
  await seedDemoOutlets(log);
  await seedDemoUsers(log);
  await seedDemoContacts(log);
  await seedDemoPostalService(log);
}

/** The one illustrative postal service (`demo-postal-services.ts`), once per table. */
async function seedDemoPostalService(log: (line: string) => void): Promise<void> {
  if (await getDatasetRecord(demoPostalDataset)) return;
  await savePostalService(demoPostalService);
  await putDatasetRecord({ name: demoPostalDataset, loadedAt: new Date().toISOString(), counts: { postalServices: 1 } });
  log('Loaded an example postal service covering Greater Manchester (illustrative, not a real service)');
}

async function seedDemoOutlets(log: (line: string) => void): Promise<void> {
  if (await getDatasetRecord(demoDataset)) return;
  const started = performance.now();
  log('First start: loading the demo data (real open data; naloxone details are illustrative)…');
  const postcodes = await importPostcodeFile(`${dataDir}trafford-postcodes-onspd-2025-02.csv`, { kind: 'postcodes' });
  // Greater Manchester's boundaries: districts are filed under the local authority they lie in.
  const areas = await readAreaBoundaries(`${dataDir}gm-local-authorities-2023.geojson`);
  for (const area of areas) await putAreaBoundary(area);
  const districts = await importPostcodeFile(`${dataDir}uk-postcode-districts.csv`, { kind: 'districts', areas });
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

/**
 * The demo users' profiles and memberships (`demo-users.ts`). Written once per table: a membership
 * changed locally afterwards stays changed. Every write is a plain put, so a load cut short is
 * simply run again.
 */
async function seedDemoUsers(log: (line: string) => void): Promise<void> {
  if (await getDatasetRecord(demoUsersDataset)) return;
  for (const user of demoUsers) {
    const subject = subjectOf(user.email);
    await putUserProfile({ subject, email: user.email, name: user.name });
    for (const outlet of user.outlets) await grantMembership(subject, 'outlet', outlet);
    for (const area of user.areas) await grantMembership(subject, 'area', area.code, { targetName: area.name });
  }
  await putDatasetRecord({ name: demoUsersDataset, loadedAt: new Date().toISOString(), counts: { users: demoUsers.length } });
  log(`Loaded ${demoUsers.length} demo users for the portal`);
}

/**
 * The listings of demo staff get their staff's address as the contact for readiness reminders, so
 * the whole reminder journey works locally (the reminders land in the local outbox). Only these:
 * every other demo listing is a real pharmacy, whose real address the demo must never write to. A
 * contact changed locally afterwards stays changed.
 */
async function seedDemoContacts(log: (line: string) => void): Promise<void> {
  if (await getDatasetRecord(demoContactsDataset)) return;
  let given = 0;
  for (const user of demoUsers) {
    for (const id of user.outlets) {
      const outlet = await getOutlet(id);
      if (!outlet || outlet.contactEmail !== null) continue;
      await putOutlet({ ...outlet, contactEmail: user.email });
      given += 1;
    }
  }
  await putDatasetRecord({ name: demoContactsDataset, loadedAt: new Date().toISOString(), counts: { contacts: given } });
  log(`Gave ${given} demo listings their demo staff as the contact for readiness reminders`);
}
