/**
 * The whole table, read once: for operators' one-offs run from a machine with credentials (index
 * backfills, the geo counters' recount), never for the API, which reads by key and by index only.
 * On AWS it costs a read of every item, postcodes included, whatever the filter keeps.
 */
import { ScanCommand, type ScanCommandOutput } from './dynamodb-documents.js';
import { forEachLimited } from './batch-retry.js';
import { documents, tableName } from './client.js';

export interface WholeTableScan {
  /** Which items to keep (DynamoDB's `FilterExpression`). */
  filter: string;
  /** Which attributes to read of them (`ProjectionExpression`). */
  projection: string;
  names: Record<string, string>;
  values?: Record<string, unknown>;
  /** Parallel Scans, each over its share of the table. @default 4 */
  segments?: number;
}

/**
 * Reads every item that `scan.filter` keeps, consistently, in `segments` parallel Scans, handing
 * each page's items to `onItems` before reading that segment's next page (so a slow `onItems`
 * slows the reads rather than piling items up in memory).
 */
export async function scanWholeTable(scan: WholeTableScan, onItems: (items: Record<string, unknown>[]) => Promise<void> | void): Promise<void> {
  const segments = Math.max(1, Math.floor(scan.segments ?? 4));
  await forEachLimited(
    Array.from({ length: segments }, (_, segment) => segment),
    segments,
    async (segment) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page: ScanCommandOutput = await documents.send(
          new ScanCommand({
            TableName: tableName,
            ConsistentRead: true,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: scan.filter,
            ProjectionExpression: scan.projection,
            ExpressionAttributeNames: scan.names,
            ...(scan.values ? { ExpressionAttributeValues: scan.values } : {}),
            ExclusiveStartKey: startKey,
          }),
        );
        await onItems(page.Items ?? []);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    },
  );
}
