/**
 * A one-off for a table that held listings before readiness reminders: puts every listing that is
 * not in the `readiness` index into it, due from its basis (`readiness-items.ts`), so the job finds
 * it. Listings written since are placed by their writes; this is only for those written before.
 *
 * It reads the whole table once (`scanWholeTable`): run it once, from a machine with your
 * credentials, never from a function.
 * Each write is conditional on the listing's version and on it still being out of the index, so it
 * is safe while outlets keep writing, and safe to run again. A listing the job had taken out of the
 * index because it was escalated comes back in; the job's next look takes it out again, sending
 * nothing (its reminder state says it was escalated).
 */
import { UpdateCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import { outletStatusSchema } from '../contract/outlet.js';
import { documents, tableName } from './client.js';
import { outletKey } from './keys.js';
import { readinessDueKey } from './readiness-items.js';
import { firstReadinessCheck } from '../core/readiness-rules.js';
import { readinessIndex, readinessQueueValue } from './table-schema.js';
import { scanWholeTable } from './table-scan.js';

export interface ReadinessBackfill {
  /** Listings found outside the index. */
  found: number;
  /** Listings put in it (withdrawn ones stay out; one changed meanwhile was placed by its change). */
  added: number;
}

const nullableString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Puts the listings missing from the readiness index into it. */
export async function backfillReadinessIndex({ segments = 4 } = {}): Promise<ReadinessBackfill> {
  const result: ReadinessBackfill = { found: 0, added: 0 };
  const names = { '#entity': 'entity', '#due': readinessIndex.sortKey, '#id': 'id', '#status': 'status', '#version': 'version', '#assuredAt': 'assuredAt', '#listedAt': 'listedAt' };
  await scanWholeTable(
    {
      filter: '#entity = :outlet AND attribute_not_exists(#due)',
      projection: '#id, #status, #version, #assuredAt, #listedAt',
      names,
      values: { ':outlet': 'outlet' },
      segments,
    },
    async (items) => {
      for (const item of items) {
        const status = outletStatusSchema.safeParse(item.status);
        if (typeof item.id !== 'string' || typeof item.version !== 'number' || !status.success) continue;
        result.found += 1;
        const due = firstReadinessCheck({ status: status.data, assuredAt: nullableString(item.assuredAt), listedAt: nullableString(item.listedAt) });
        if (due && (await placeInIndex(item.id, item.version, due))) result.added += 1;
      }
    },
  );
  return result;
}

async function placeInIndex(id: string, version: number, due: Date): Promise<boolean> {
  try {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: outletKey(id),
        UpdateExpression: 'SET #queue = :queue, #due = :due',
        ConditionExpression: '#version = :version AND attribute_not_exists(#due)',
        ExpressionAttributeNames: { '#queue': readinessIndex.partitionKey, '#due': readinessIndex.sortKey, '#version': 'version' },
        ExpressionAttributeValues: { ':queue': readinessQueueValue, ':due': readinessDueKey(due, id), ':version': version },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
