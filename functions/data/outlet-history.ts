/**
 * A listing's change history: the recent entries in the listing item itself (written in the same
 * conditional update as the change, since the embedded engine has no transactions) and older ones
 * in archive items in the outlet's partition.
 *
 * An entry is archived before the update that drops it from the item. If that update then fails
 * (someone else's change got in first), the entry is in both places for a while; reading merges
 * the two and keeps each entry id once, so nothing is lost and nothing is shown twice.
 */
import { type ChangeEntry, changeEntrySchema } from '../contract/portal-outlet.js';
import { batchWrite } from './batch-write.js';
import { historyArchiveKey, historySortPrefix, outletKey } from './keys.js';
import { parsedItems, queryItems } from './query-pages.js';

/** The archive item of one entry. Pure. */
export function historyArchiveItem(outletId: string, entry: ChangeEntry): Record<string, unknown> {
  return { ...historyArchiveKey(outletId, entry.at, entry.id), entity: 'history', outletId, entry };
}

/** Stores entries as archive items; repeating it writes the same items again. */
export async function archiveChanges(outletId: string, entries: readonly ChangeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await batchWrite(entries.map((entry) => ({ put: historyArchiveItem(outletId, entry) })));
}

/** Archived entries older than `before` (all if null), newest first, at most `limit`. */
async function readArchive(outletId: string, before: string | null, limit: number): Promise<ChangeEntry[]> {
  const items = await queryItems(
    {
      KeyConditionExpression: before === null ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk AND sk BETWEEN :prefix AND :before',
      ExpressionAttributeValues: {
        ':pk': outletKey(outletId).pk,
        ':prefix': historySortPrefix,
        // Every sort key of an entry at `before` or later sorts after `HISTORY#<before>`.
        ...(before === null ? {} : { ':before': `${historySortPrefix}${before}` }),
      },
      ScanIndexForward: false,
    },
    { limit },
  );
  return parsedItems(items, (item) => changeEntrySchema.safeParse((item as { entry?: unknown }).entry));
}

/**
 * A page of history, newest first: the entries older than `before` (all when null) from the
 * listing's recent ones and the archive, each once. `nextBefore` continues it; null at the end.
 */
export async function readHistory(
  outletId: string,
  recent: readonly ChangeEntry[],
  { before, limit }: { before: string | null; limit: number },
): Promise<{ entries: ChangeEntry[]; nextBefore: string | null }> {
  const newer = recent.filter((entry) => before === null || entry.at < before);
  // Up to `recent.length` archived entries may also still be in the item: read that many more.
  const archived = await readArchive(outletId, before, limit + 1 + recent.length);
  const byId = new Map<string, ChangeEntry>();
  for (const entry of [...newer, ...archived]) byId.set(entry.id, entry);
  const all = [...byId.values()].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  const entries = all.slice(0, limit);
  return { entries, nextBefore: all.length > limit ? (entries[entries.length - 1]?.at ?? null) : null };
}
