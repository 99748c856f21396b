/**
 * The whole finder (real server, real Lambda entries, embedded DynamoDB) on a free port, with a
 * table small enough to read whole after every request: the demo pharmacies nearest Manchester
 * city centre, a few postcodes, the demo users' memberships, an emergency cabinet and a problem
 * report. For tests that must prove "nothing changed" by comparing the whole table.
 */
import { fileURLToPath } from 'node:url';
import { demoUsers, subjectOf } from '../../local/demo-users.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { readDemoOutlets } from '../../local/demo-outlets.js';
import { forgeAccessToken } from './tokens.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));

/** Asha's Manchester pharmacy: every outlet route is called on it. */
export const smallOutletId = 'FD532';
/** An emergency cabinet beside it, also Asha's. */
export const smallCabinetId = 'SMALLCAB1';
export const smallAreaCode = 'E08000003';
/** Full postcodes in the table, with their exact points (Trafford's, from the ONS sample). */
export const smallPostcodes = [
  { postcode: 'M15 4AB', lat: 53.465578, lng: -2.26046, localAuthorityCode: 'E08000009' },
  { postcode: 'M2 5DB', lat: 53.47931, lng: -2.24469, localAuthorityCode: 'E08000003' },
];

export interface SmallFinder {
  finder: RunningFinder;
  /** Every item of the table, in a stable order. */
  scanTable(): Promise<Record<string, unknown>[]>;
  /** Valid access tokens (signed by the finder's sign-in service) of the demo users. */
  tokens: { staff: string; commissioner: string; admin: string };
  /** A problem report on the outlet, for the report routes. */
  reportId: string;
}

/** Starts the small finder; `outlets` is how many demo pharmacies, nearest the centre first. */
export async function startSmallFinder({ outlets = 40 }: { outlets?: number } = {}): Promise<SmallFinder> {
  const finder = await startFinder({ port: 0, siteDir, seed: false, clientLimits: false });
  // Loaded now: the finder has pointed the data layer at its own engine.
  const { documents, tableName } = await import('../../functions/data/client.js');
  const { ScanCommand } = await import('../../functions/data/dynamodb-documents.js');
  const { grantMembership, putUserProfile } = await import('../../functions/data/memberships.js');
  const { putOutlet, putOutlets } = await import('../../functions/data/outlets.js');
  const { putOutwardCodes, putPostcodes } = await import('../../functions/data/postcodes.js');

  const centre = { lat: 53.4808, lng: -2.2426 };
  const demo = (await readDemoOutlets(new Date())).map(({ outlet }) => outlet);
  const near = demo
    .map((outlet) => ({ outlet, away: (outlet.location.lat - centre.lat) ** 2 + ((outlet.location.lng - centre.lng) * 0.6) ** 2 }))
    .sort((a, b) => a.away - b.away)
    .slice(0, outlets)
    .map(({ outlet }) => outlet);
  const pharmacy = demo.find((outlet) => outlet.id === smallOutletId);
  if (!pharmacy) throw new Error(`No demo outlet ${smallOutletId}`);
  await putOutlets(near.some((outlet) => outlet.id === smallOutletId) ? near : [...near, pharmacy]);
  await putOutlet({ ...pharmacy, id: smallCabinetId, name: 'Small cabinet', outletType: 'emergency_box', supplyBasis: 'emergency_box', cabinetStatus: 'ready', odsCode: null });
  await putPostcodes(smallPostcodes);
  await putOutwardCodes([
    { outward: 'M15', lat: 53.4668, lng: -2.2555 },
    { outward: 'M2', lat: 53.4801, lng: -2.2434, localAuthorityCode: 'E08000003' },
  ]);
  for (const user of demoUsers) {
    const subject = subjectOf(user.email);
    await putUserProfile({ subject, email: user.email, name: user.name });
    for (const outlet of user.outlets) await grantMembership(subject, 'outlet', outlet);
    for (const area of user.areas) await grantMembership(subject, 'area', area.code, { targetName: area.name });
  }
  const staff = demoUsers.find((user) => user.outlets.includes(smallOutletId));
  if (!staff) throw new Error(`No demo user is staff of ${smallOutletId}`);
  await grantMembership(subjectOf(staff.email), 'outlet', smallCabinetId);

  const provider = finder.identityProvider;
  if (!provider) throw new Error('The finder did not start its sign-in service');
  const handle = (predicate: (user: (typeof demoUsers)[number]) => boolean) => demoUsers.find(predicate)?.user ?? '';
  const tokens = {
    staff: await forgeAccessToken(provider, { user: staff.user }),
    commissioner: await forgeAccessToken(provider, { user: handle((user) => user.areas.some((area) => area.code === smallAreaCode)) }),
    admin: await forgeAccessToken(provider, { user: handle((user) => user.groups.includes('admin')) }),
  };

  const report = await fetch(`${finder.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outletId: smallOutletId, problem: 'wrong_hours_or_address' }),
  });
  if (report.status !== 201) throw new Error(`The setup report was answered ${report.status}`);
  const { id: reportId } = (await report.json()) as { id: string };

  const scanTable = async () => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.map((item) => JSON.stringify(item)).sort().map((text) => JSON.parse(text) as Record<string, unknown>);
  };

  return { finder, scanTable, tokens, reportId };
}
