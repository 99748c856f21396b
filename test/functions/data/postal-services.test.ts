import { DeleteCommand, GetCommand, PutCommand } from '../../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { nationCodes } from '../../../functions/contract/nations.js';
import { type PostalServiceInput, type SearchedArea, postalServiceInputSchema } from '../../../functions/contract/postal-services.js';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { postalAreaPointerKey } from '../../../functions/data/keys.js';
import { findPostalServicesCovering, getPostalService, savePostalService } from '../../../functions/data/postal-services.js';

beforeAll(async () => {
  await ensureTable();
});

/** Test ids are unique per test: every test file shares one embedded table. */
const service = (id: string, serviceArea: PostalServiceInput['serviceArea'], extra: Partial<PostalServiceInput> = {}): PostalServiceInput =>
  postalServiceInputSchema.parse({
    id,
    name: `Test postal ${id}`,
    organisation: 'Test organisation',
    description: 'Posts a kit.',
    whoCanOrder: 'Anyone who lives in the area',
    website: 'https://example.org/order',
    serviceArea,
    ...extra,
  });

// Codes no other test file uses, so the lookups below see only these tests' services.
const areaA = 'E07999991';
const areaB = 'E07999992';
const inArea = (code: string): SearchedArea => ({ nation: null, localAuthorityCode: code, localAuthorityName: null, knownFrom: 'postcode' });

describe('postal services', () => {
  it('finds a service by a local authority it posts to, with one Query and one batch read', async () => {
    // Prepare
    await savePostalService(service('pt-la', { nations: [], localAuthorities: [areaA] }));

    // Act
    const found = await findPostalServicesCovering(inArea(areaA));
    const elsewhere = await findPostalServicesCovering(inArea(areaB));

    // Assess
    expect(found.services.map((s) => s.id)).toEqual(['pt-la']);
    expect(found.stats).toEqual({ queries: 1, pointersRead: 1, servicesRead: 1 });
    expect(elsewhere.services).toEqual([]);
  });

  it('finds a nation-wide service from the nation alone, and from a local authority in it', async () => {
    // Prepare
    await savePostalService(service('pt-ni', { nations: ['northern_ireland'], localAuthorities: [] }));

    // Act
    const byNation = await findPostalServicesCovering({ nation: 'northern_ireland', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'postcode_area' });
    const byArea = await findPostalServicesCovering({ nation: 'northern_ireland', localAuthorityCode: 'N09999999', localAuthorityName: null, knownFrom: 'postcode' });
    const unknown = await findPostalServicesCovering({ nation: null, localAuthorityCode: null, localAuthorityName: null, knownFrom: 'unknown' });

    // Assess
    expect(byNation.services.map((s) => s.id)).toContain('pt-ni');
    expect(byArea.services.map((s) => s.id)).toContain('pt-ni');
    expect(byArea.stats.queries).toBe(2);
    expect(unknown).toEqual({ services: [], stats: { queries: 0, pointersRead: 0, servicesRead: 0 } });
  });

  it('moves its pointers when its area changes, and says when nothing changed', async () => {
    // Prepare
    await savePostalService(service('pt-move', { nations: [], localAuthorities: [areaA] }));

    // Act
    const changed = await savePostalService(service('pt-move', { nations: [], localAuthorities: [areaB] }));
    const again = await savePostalService(service('pt-move', { nations: [], localAuthorities: [areaB] }));

    // Assess
    expect([changed, again]).toEqual(['changed', 'unchanged']);
    expect((await findPostalServicesCovering(inArea(areaA))).services.map((s) => s.id)).not.toContain('pt-move');
    expect((await findPostalServicesCovering(inArea(areaB))).services.map((s) => s.id)).toContain('pt-move');
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: postalAreaPointerKey(areaA, 'pt-move') }));
    expect(Item).toBeUndefined();
    expect((await getPostalService('pt-move'))?.version).toBe(2);
  });

  it('skips a leftover pointer whose service no longer posts there, and inactive services', async () => {
    // Prepare: a pointer left behind by a write cut short, and a withdrawn service.
    await savePostalService(service('pt-left', { nations: [], localAuthorities: [areaB] }));
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...postalAreaPointerKey(areaA, 'pt-left'), serviceId: 'pt-left' } }));
    await savePostalService(service('pt-off', { nations: [], localAuthorities: [areaA] }, { status: 'inactive' }));

    // Act
    const found = await findPostalServicesCovering(inArea(areaA));

    // Assess
    expect(found.services.map((s) => s.id)).not.toContain('pt-left');
    expect(found.services.map((s) => s.id)).not.toContain('pt-off');
    expect(found.stats.pointersRead).toBeGreaterThanOrEqual(2);
  });

  it('puts back a missing pointer when the same service is saved again', async () => {
    // Prepare
    await savePostalService(service('pt-heal', { nations: ['wales'], localAuthorities: [] }));
    await documents.send(new DeleteCommand({ TableName: tableName, Key: postalAreaPointerKey(nationCodes.wales, 'pt-heal') }));

    // Act
    const outcome = await savePostalService(service('pt-heal', { nations: ['wales'], localAuthorities: [] }));

    // Assess
    expect(outcome).toBe('unchanged');
    const wales = await findPostalServicesCovering({ nation: 'wales', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'postcode_area' });
    expect(wales.services.map((s) => s.id)).toContain('pt-heal');
  });

  it('refuses a service area with nothing in it, and one with no way to order', () => {
    // Act
    const empty = postalServiceInputSchema.safeParse({ ...service('pt-x', { nations: ['wales'], localAuthorities: [] }), serviceArea: {} });
    const noWay = postalServiceInputSchema.safeParse({ ...service('pt-y', { nations: ['wales'], localAuthorities: [] }), website: null, phone: null });

    // Assess
    expect(empty.success ? [] : empty.error.issues.map((issue) => issue.path.join('.'))).toEqual(['serviceArea.nations']);
    expect(noWay.success ? [] : noWay.error.issues.map((issue) => issue.path.join('.'))).toEqual(['website']);
  });
});
