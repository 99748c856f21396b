/**
 * Registrations and their queues against the embedded DynamoDB: a queue per area read with Query
 * alone, pointers moved with the registration's status and area, leftovers skipped, and writes
 * conditional on the version.
 */
import { GetCommand } from '../../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RegistrationDetails, registrationDetailsSchema, type RegistrationPlace } from '../../../functions/contract/registration.js';
import { type RegistrationRecord, askForChanges, newRegistration, reject, resubmit } from '../../../functions/core/registration-rules.js';
import { batchWrite } from '../../../functions/data/batch-write.js';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { registrationQueueKey } from '../../../functions/data/keys.js';
import {
  createRegistration,
  getRegistrationRecord,
  listRegistrationQueue,
  registrationAreaOf,
  writeRegistration,
} from '../../../functions/data/registrations.js';
import { DomainError } from '../../../functions/shared/errors.js';

const details: RegistrationDetails = registrationDetailsSchema.parse({
  kind: 'cabinet',
  organisation: 'Trust',
  name: 'Cabinet',
  addressLine1: '1 Road',
  town: 'Sale',
  postcode: 'M33 7AA',
  kitTypes: ['nasal'],
  locationDescription: 'By the door',
  contactName: 'Sam',
  contactEmail: 'sam@example.org',
});

const placeIn = (code: string | null): RegistrationPlace => ({
  postcode: 'M33 7AA',
  location: { lat: 53.4257, lng: -2.3167 },
  locationSource: code ? 'postcode' : 'outward_code',
  localAuthority: code ? { code, name: null } : null,
  reviewer: code ? 'commissioner' : 'administrator',
});

let sequence = 0;
/** A registration received `minute` minutes into the day, with a unique id. */
async function stored(area: string | null, minute: number): Promise<RegistrationRecord> {
  sequence += 1;
  const at = new Date(Date.UTC(2026, 10, 30, 9, minute));
  const record = newRegistration(details, placeIn(area), { id: `${at.toISOString().replace(/[-:.]/g, '')}-${String(sequence).padStart(10, 'x')}`, now: at });
  await createRegistration(record);
  return record;
}

const ids = async (scopes: Parameters<typeof listRegistrationQueue>[0], queue: 'open' | 'decided' = 'open') =>
  (await listRegistrationQueue(scopes, queue, { limit: 50 })).records.map((record) => record.id);

beforeAll(async () => {
  await ensureTable();
});

describe('registration queues', () => {
  it('hold each registration in its area’s queue and the administrators’, newest first, and page with before', async () => {
    // Prepare
    const area = 'E08000001';
    const older = await stored(area, 1);
    const unknown = await stored(null, 2);
    const newer = await stored(area, 3);
    const elsewhere = await stored('E08000002', 4);

    // Act
    const areaQueue = await ids([{ area }]);
    const all = await ids(['all']);
    const firstPage = await listRegistrationQueue([{ area }], 'open', { limit: 1 });
    const secondPage = await listRegistrationQueue([{ area }], 'open', { limit: 1, before: firstPage.nextBefore ?? undefined });
    const twoAreas = await ids([{ area }, { area: 'E08000002' }]);

    // Assess
    expect(areaQueue).toEqual([newer.id, older.id]);
    expect(all.slice(0, 4)).toEqual([elsewhere.id, newer.id, unknown.id, older.id]);
    expect([firstPage.records.map((record) => record.id), firstPage.nextBefore]).toEqual([[newer.id], newer.id]);
    expect([secondPage.records.map((record) => record.id), secondPage.nextBefore]).toEqual([[older.id], null]);
    expect(twoAreas).toEqual([elsewhere.id, newer.id, older.id]);
    expect([await registrationAreaOf(older.id), await registrationAreaOf(unknown.id), await registrationAreaOf('nothing')]).toEqual([area, null, null]);
  });

  it('move a registration to the decided queue when it is decided, and to another area’s when its postcode moves it', async () => {
    // Prepare
    const from = 'E08000011';
    const to = 'E08000012';
    const moving = await stored(from, 10);
    const deciding = await stored(from, 11);
    const by = { by: 'Moderator', now: new Date('2026-12-01T10:00:00Z') };
    const asked = await writeRegistration(moving, askForChanges(moving, 'Check it', { hash: 'ab', expiresAt: '2027-01-01T00:00:00.000Z' }, by));

    // Act
    await writeRegistration(asked, resubmit(asked, details, placeIn(to), by.now));
    await writeRegistration(deciding, reject(deciding, 'No', by));

    // Assess
    expect(await ids([{ area: from }])).toEqual([]);
    expect(await ids([{ area: to }])).toEqual([moving.id]);
    expect(await ids([{ area: from }], 'decided')).toEqual([deciding.id]);
    expect(await ids(['all'], 'decided')).toContain(deciding.id);
    expect(await ids(['all'])).not.toContain(deciding.id);
    expect(await registrationAreaOf(moving.id)).toBe(to);
  });

  it('skip a pointer left behind by a write that stopped half way', async () => {
    // Prepare: a pointer in another area's queue, as if the registration had been moved and the old pointer not yet removed.
    const record = await stored('E08000021', 20);
    await batchWrite([{ put: { ...registrationQueueKey({ area: 'E08000022' }, 'open', record.id), entity: 'registration_pointer', registrationId: record.id } }]);

    // Act
    const leftOver = await ids([{ area: 'E08000022' }]);
    const own = await ids([{ area: 'E08000021' }]);

    // Assess
    expect(leftOver).toEqual([]);
    expect(own).toEqual([record.id]);
  });
});

describe('writing a registration', () => {
  it('applies only to the version read: a second write of the same version is refused and changes nothing', async () => {
    // Prepare
    const record = await stored('E08000031', 30);
    const by = { by: 'Moderator', now: new Date('2026-12-01T10:00:00Z') };
    await writeRegistration(record, reject(record, 'First', by));

    // Act
    const error = await writeRegistration(record, reject(record, 'Second', by)).then(
      () => null,
      (caught: unknown) => caught,
    );

    // Assess
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('precondition_failed');
    expect((await getRegistrationRecord(record.id))?.events.at(-1)?.message).toBe('First');
  });

  it('refuses to create a registration whose id exists, and keeps the first', async () => {
    // Prepare
    const record = await stored('E08000041', 40);

    // Act
    const repeated = await createRegistration({ ...record, details: { ...record.details, name: 'Other' } }).then(
      () => 'written',
      () => 'refused',
    );

    // Assess
    expect(repeated).toBe('refused');
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: `REGISTRATION#${record.id}`, sk: 'REGISTRATION' }, ConsistentRead: true }));
    expect(Item?.details).toMatchObject({ name: 'Cabinet' });
  });
});
