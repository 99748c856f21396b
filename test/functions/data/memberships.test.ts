import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../../functions/data/create-table.js';
import { grantMembership, putUserProfile, readMemberships, revokeMembership } from '../../../functions/data/memberships.js';

describe('memberships', () => {
  beforeAll(async () => {
    await ensureTable();
  });

  it('reads a person’s profile, outlets and areas in one go', async () => {
    // Prepare
    await putUserProfile({ subject: 'person-1', email: 'asha@example.org', name: 'Asha' });
    await grantMembership('person-1', 'outlet', 'FA1');
    await grantMembership('person-1', 'outlet', 'FA2');
    await grantMembership('person-1', 'area', 'E08000003', { targetName: 'Manchester' });

    // Act
    const memberships = await readMemberships('person-1');

    // Assess
    expect(memberships).toEqual({
      outlets: ['FA1', 'FA2'],
      areas: ['E08000003'],
      label: 'Asha (asha@example.org)',
      areaNames: { E08000003: 'Manchester' },
    });
  });

  it('forgets a membership as soon as it is taken away', async () => {
    // Prepare
    await grantMembership('person-2', 'outlet', 'FA1');

    // Act
    await revokeMembership('person-2', 'outlet', 'FA1');

    // Assess
    expect(await readMemberships('person-2')).toEqual({ outlets: [], areas: [], label: null, areaNames: {} });
  });
});
