/**
 * Kits given out, one counter item per day and kit type in the outlet's partition. A record is one
 * `ADD` to that item, conditional on its idempotency key not being there yet, so a request that is
 * repeated after a crash (when its idempotency record could not say it had finished) still counts
 * once: the key and the counts go in the same single-item write.
 */
import { GetCommand, UpdateCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import { kitTypeSchema } from '../contract/outlet.js';
import { type ResupplyReason, type SupplyDay, type SupplyRecord, resupplyReasonSchema } from '../contract/supplies.js';
import { documents, tableName } from './client.js';
import { areaIndexKeys, outletKey, supplyKey, supplySortPrefix } from './keys.js';
import { queryItems } from './query-pages.js';

const reasonAttribute = (reason: ResupplyReason) => `reason_${reason}`;

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The day's totals on a counter item. Pure. */
export function supplyDayFromItem(item: Record<string, unknown>): SupplyDay | null {
  const kitType = kitTypeSchema.safeParse(item.kitType);
  if (typeof item.date !== 'string' || !kitType.success) return null;
  const resupplyReasons: Partial<Record<ResupplyReason, number>> = {};
  for (const reason of resupplyReasonSchema.options) {
    const value = count(item[reasonAttribute(reason)]);
    if (value > 0) resupplyReasons[reason] = value;
  }
  return { date: item.date, kitType: kitType.data, first: count(item.first), resupply: count(item.resupply), resupplyReasons };
}

/**
 * The UpdateItem input that counts a record in, once per idempotency key, keyed in the `area` index
 * under the outlet's local authority when it has one. Pure.
 */
export function supplyUpdateInput(outletId: string, record: SupplyRecord, idempotencyKey: string, area: string | null) {
  const areaKeys = area ? areaIndexKeys(area, 'supply', `${record.date}#${outletId}#${record.kitType}`) : null;
  const names: Record<string, string> = { '#kind': record.supply, '#keys': 'appliedKeys', '#date': 'date', '#kitType': 'kitType' };
  const adds = ['#kind :count', '#keys :keys'];
  if (record.resupplyReason) {
    names['#reason'] = reasonAttribute(record.resupplyReason);
    adds.push('#reason :count');
  }
  return {
    TableName: tableName,
    Key: supplyKey(outletId, record.date, record.kitType),
    UpdateExpression: `SET entity = :entity, outletId = :outletId, #date = :date, #kitType = :kitType${areaKeys ? ', areaKey = :areaKey, areaSort = :areaSort' : ''} ADD ${adds.join(', ')}`,
    ConditionExpression: 'attribute_not_exists(#keys) OR NOT contains(#keys, :key)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: {
      ':entity': 'supply',
      ':outletId': outletId,
      ':date': record.date,
      ':kitType': record.kitType,
      ':count': record.count,
      ':keys': new Set([idempotencyKey]),
      ':key': idempotencyKey,
      ...(areaKeys ? { ':areaKey': areaKeys.areaKey, ':areaSort': areaKeys.areaSort } : {}),
    },
    ReturnValues: 'ALL_NEW' as const,
  };
}

/** Counts a record in (once per idempotency key) and returns the day's totals for its kit type. */
export async function addSupply(outletId: string, record: SupplyRecord, idempotencyKey: string, area: string | null): Promise<SupplyDay> {
  let item: Record<string, unknown> | undefined;
  try {
    ({ Attributes: item } = await documents.send(new UpdateCommand(supplyUpdateInput(outletId, record, idempotencyKey, area))));
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    // Counted before, by an earlier attempt of the same request: answer as it would have.
    ({ Item: item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: supplyKey(outletId, record.date, record.kitType), ConsistentRead: true }),
    ));
  }
  const day = supplyDayFromItem(item ?? {});
  if (!day) throw new Error(`Supply counter ${record.date} ${record.kitType} of outlet ${outletId} is missing or malformed`);
  return day;
}

/** Days with kits given out from `from` to `to` (inclusive), oldest first. */
export async function listSupplyDays(outletId: string, from: string, to: string): Promise<SupplyDay[]> {
  const items = await queryItems({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': outletKey(outletId).pk,
      ':from': `${supplySortPrefix}${from}`,
      // `~` sorts after every kit type, so the last day is included whole.
      ':to': `${supplySortPrefix}${to}#~`,
    },
    // The counts only: the applied keys can be long and are no one's business.
    ProjectionExpression: '#date, kitType, #first, resupply, ' + resupplyReasonSchema.options.map(reasonAttribute).join(', '),
    ExpressionAttributeNames: { '#date': 'date', '#first': 'first' },
  });
  return items.flatMap((item) => supplyDayFromItem(item) ?? []);
}
