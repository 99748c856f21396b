/**
 * The demo users' load: their profiles and memberships reach the table once, also a table loaded
 * before there were users, and a second start changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../functions/data/create-table.js';
import { getDatasetRecord, putDatasetRecord } from '../../functions/data/datasets.js';
import { readMemberships, revokeMembership } from '../../functions/data/memberships.js';
import { readDemoOutlets } from '../../local/demo-outlets.js';
import { demoUsers, subjectOf } from '../../local/demo-users.js';
import { demoDataset, demoUsersDataset, seedDemoData } from '../../local/seed-demo.js';

const subject = (handle: string) => subjectOf(demoUsers.find((user) => user.user === handle)!.email);

beforeAll(async () => {
  await ensureTable();
  // A local table from before there were users: its outlets are loaded, and recorded as loaded.
  await putDatasetRecord({ name: demoDataset, loadedAt: '2025-06-01T09:00:00.000Z', counts: { outlets: 631 } });
});

describe('seedDemoData', () => {
  it('adds the demo users to a table loaded before there were users', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    await seedDemoData((line) => lines.push(line));

    // Assess
    expect(lines).toEqual(['Loaded 5 demo users for the portal']);
    expect(await readMemberships(subject('asha'))).toMatchObject({ outlets: ['FD532', 'FEX27'], areas: [], label: 'Asha Patel (asha.patel@example.org)' });
    expect(await readMemberships(subject('chloe'))).toMatchObject({ outlets: [], areas: ['E08000003'], areaNames: { E08000003: 'Manchester' } });
    expect(await readMemberships(subject('dami'))).toMatchObject({ outlets: [], areas: [], label: 'Dami Adeyemi (dami.adeyemi@example.org)' });
    expect(await readMemberships(subject('tariq'))).toMatchObject({ outlets: [], areas: ['E08000009'], areaNames: { E08000009: 'Trafford' } });
    expect((await getDatasetRecord(demoUsersDataset))?.counts).toEqual({ users: 5 });
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
