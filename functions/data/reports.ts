/**
 * Problem reports, in their outlet's partition: added by the public, read and marked dealt with
 * by the outlet.
 */
import { GetCommand, PutCommand, UpdateCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import { type ProblemReport, problemReportSchema } from '../contract/report.js';
import { notFound } from '../shared/errors.js';
import { documents, tableName } from './client.js';
import { areaIndexKeys, outletKey, reportKey, reportSortPrefix } from './keys.js';
import { reportCounterAttribute } from './table-schema.js';
import { parsedItems, queryItems } from './query-pages.js';

/** The item for a report, keyed in the `area` index under the outlet's local authority when known. Pure. */
export function reportItem(report: ProblemReport, area: string | null): Record<string, unknown> {
  return { ...reportKey(report.outletId, report.id), entity: 'report', ...report, ...(area ? areaIndexKeys(area, 'report', report.id) : {}) };
}

/** Stores a new report; the condition makes a repeated id fail rather than overwrite. */
export async function putReport(report: ProblemReport, area: string | null): Promise<void> {
  await documents.send(
    new PutCommand({ TableName: tableName, Item: reportItem(report, area), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

/**
 * Counts a "no kits" report on the listing: one `ADD`, which needs no read and no version (the
 * outlet's confirmation sets it back to 0 in its own conditional update). Nothing if the listing
 * has gone.
 */
export async function countNoKitsReport(outletId: string): Promise<void> {
  try {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: outletKey(outletId),
        UpdateExpression: 'ADD #count :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#count': reportCounterAttribute },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
}

/**
 * Takes back a count made for a report that then could not be stored: one `ADD` of -1, never below
 * 0 (a confirmation in between has set it back already). Nothing if the listing has gone.
 */
export async function uncountNoKitsReport(outletId: string): Promise<void> {
  try {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: outletKey(outletId),
        UpdateExpression: 'ADD #count :minusOne',
        ConditionExpression: 'attribute_exists(pk) AND #count > :zero',
        ExpressionAttributeNames: { '#count': reportCounterAttribute },
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
}

/** Replaces a report that exists (the outlet's update), keeping its place in the area index; throws `not_found` if it does not exist. */
export async function replaceReport(report: ProblemReport, area: string | null): Promise<void> {
  try {
    await documents.send(
      new PutCommand({ TableName: tableName, Item: reportItem(report, area), ConditionExpression: 'attribute_exists(pk)' }),
    );
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw notFound('We could not find that report');
    throw error;
  }
}

/** One report, read consistently; null if there is none. */
export async function getReport(outletId: string, reportId: string): Promise<ProblemReport | null> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: reportKey(outletId, reportId), ConsistentRead: true }));
  const parsed = problemReportSchema.safeParse(Item);
  return parsed.success ? parsed.data : null;
}

/** An outlet's reports, newest first. */
export async function listReports(outletId: string): Promise<ProblemReport[]> {
  const items = await queryItems({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': outletKey(outletId).pk, ':prefix': reportSortPrefix },
    ScanIndexForward: false,
  });
  return parsedItems(items, (item) => problemReportSchema.safeParse(item));
}
