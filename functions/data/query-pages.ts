/**
 * A Query followed through every page (`LastEvaluatedKey`), for reads of one partition's items.
 */
import { QueryCommand, type QueryCommandInput } from './dynamodb-documents.js';
import { documents, tableName } from './client.js';

/** The Query's items in order, all pages of them, or the first `limit` when a limit is given. */
export async function queryItems(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  { limit }: { limit?: number } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        ...input,
        TableName: tableName,
        ExclusiveStartKey: startKey,
        ...(limit === undefined ? {} : { Limit: limit - items.length }),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && (limit === undefined || items.length < limit));
  return items;
}

/** Items that parse, parsed; the rest (malformed, or of another kind) left out. */
export const parsedItems = <T>(items: readonly Record<string, unknown>[], parse: (item: unknown) => { success: true; data: T } | { success: false }): T[] =>
  items.flatMap((item) => {
    const parsed = parse(item);
    return parsed.success ? [parsed.data] : [];
  });
