/**
 * The demo users' load: their profiles and memberships reach the table once, also a table loaded
 * before there were users, and a second start changes nothing. Their listings, and only theirs, get
 * them as the contact for readiness reminders.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../functions/data/create-table.js';
import { getDatasetRecord, putDatasetRecord } from '../../functions/data/datasets.js';
import { readMemberships, revokeMembership } from '../../functions/data/memberships.js';
import { getOutlet, putOutlets } from '../../functions/data/outlets.js';
import { readDemoOutlets } from '../../local/demo-outlets.js';
import { demoUsers, subjectOf } from '../../local/demo-users.js';
import { findPostalServicesCovering } from '../../functions/data/postal-services.js';
import { demoContactsDataset, demoDataset, demoUsersDataset, seedDemoData } from '../../local/seed-demo.js';

const subject = (handle: string) => subjectOf(demoUsers.find((user) => user.user === handle)!.email);

/** The demo staff's listings, and real pharmacies beside them that have no demo staff. */
const staffListings = ['FD532', 'FEX27', 'FN831'];
const otherPharmacies = ['FM664', 'FFP01', 'FFW20'];

beforeAll(async () => {
  await ensureTable();
  // A local table from before there were users: its outlets are loaded, and recorded as loaded.
  await putDatasetRecord({ name: demoDataset, loadedAt: '2025-06-01T09:00:00.000Z', counts: { outlets: 631 } });
  const demo = (await readDemoOutlets(new Date())).map(({ outlet }) => outlet);
  const wanted = new Set([...staffListings, ...otherPharmacies]);
  await putOutlets(demo.filter((outlet) => wanted.has(outlet.id)));
});

describe('seedDemoData', () => {
  it('adds the demo users to a table loaded before there were users', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    await seedDemoData((line) => lines.push(line));

    // Assess
    expect(lines).toEqual([
      'Loaded 5 demo users for the portal',
      'Gave 3 demo listings their demo staff as the contact for readiness reminders',
      'Loaded an example postal service covering Greater Manchester (illustrative, not a real service)',
    ]);
    expect(await readMemberships(subject('asha'))).toMatchObject({ outlets: ['FD532', 'FEX27'], areas: [], label: 'Asha Patel (asha.patel@example.org)' });
    expect(await readMemberships(subject('chloe'))).toMatchObject({ outlets: [], areas: ['E08000003'], areaNames: { E08000003: 'Manchester' } });
    expect(await readMemberships(subject('dami'))).toMatchObject({ outlets: [], areas: [], label: 'Dami Adeyemi (dami.adeyemi@example.org)' });
    expect(await readMemberships(subject('tariq'))).toMatchObject({ outlets: [], areas: ['E08000009'], areaNames: { E08000009: 'Trafford' } });
    expect((await getDatasetRecord(demoUsersDataset))?.counts).toEqual({ users: 5 });
    expect((await getDatasetRecord(demoContactsDataset))?.counts).toEqual({ contacts: 3 });
  });

  it('gives the demo staff’s listings their staff as the contact, and never a real pharmacy without demo staff', async () => {
    // Act
    const contacts = Object.fromEntries(
      await Promise.all([...staffListings, ...otherPharmacies].map(async (id) => [id, (await getOutlet(id))?.contactEmail] as const)),
    );

    // Assess
    expect(contacts).toEqual({
      FD532: 'asha.patel@example.org',
      FEX27: 'asha.patel@example.org',
      FN831: 'ben.okafor@example.org',
      FM664: null,
      FFP01: null,
      FFW20: null,
    });
  });

  it('adds one postal service, labelled as an example, covering Greater Manchester and nowhere else', async () => {
    // Act
    const inWigan = await findPostalServicesCovering({ nation: 'england', localAuthorityCode: 'E08000010', localAuthorityName: 'Wigan', knownFrom: 'postcode' });
    const inLeeds = await findPostalServicesCovering({ nation: 'england', localAuthorityCode: 'E08000035', localAuthorityName: 'Leeds', knownFrom: 'postcode' });

    // Assess
    expect(inWigan.services.map(({ name, demo }) => ({ name, demo }))).toEqual([{ name: 'Example postal service – demo, not a real service', demo: true }]);
    expect(inLeeds.services).toEqual([]);
  });

  it('loads them once: a membership changed afterwards stays changed', async () => {
    // Prepare
    await revokeMembership(subject('asha'), 'outlet', 'FEX27');
    const lines: string[] = [];

    // Act
    await seedDemoData((line) => lines.push(line));

    // Assess
    expect(lines).toEqual([]);
    expect((await readMemberships(subject('asha'))).outlets).toEqual(['FD532']);
  });
});

describe('the demo users', () => {
  it('have stable subjects, one per address', () => {
    // Act
    const subjects = demoUsers.map((user) => subjectOf(user.email));

    // Assess
    expect(new Set(subjects).size).toBe(demoUsers.length);
    expect(subjectOf('Asha.Patel@example.org ')).toBe(subjects[0]);
    for (const value of subjects) expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('are staff of real demo outlets, in Manchester and in Trafford', async () => {
    // Prepare
    const areaOf = new Map((await readDemoOutlets(new Date())).map(({ outlet }) => [outlet.id, outlet.localAuthorityCode]));

    // Act
    const staffAreas = Object.fromEntries(demoUsers.flatMap((user) => user.outlets.map((id) => [id, areaOf.get(id)])));

    // Assess
    expect(staffAreas).toEqual({ FD532: 'E08000003', FEX27: 'E08000003', FN831: 'E08000009' });
  });
});
