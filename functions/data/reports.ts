/**
 * Problem reports, in their outlet's partition: added by the public, read and marked dealt with
 * by the outlet.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type ProblemReport, problemReportSchema } from '../contract/report.js';
import { notFound } from '../shared/errors.js';
import { documents, tableName } from './client.js';
import { outletKey, reportKey, reportSortPrefix } from './keys.js';
import { parsedItems, queryItems } from './query-pages.js';

/** The item for a report. Pure: builds what `putReport` writes. */
export function reportItem(report: ProblemReport): Record<string, unknown> {
  return { ...reportKey(report.outletId, report.id), entity: 'report', ...report };
}

/** Stores a new report; the condition makes a repeated id fail rather than overwrite. */
export async function putReport(report: ProblemReport): Promise<void> {
  await documents.send(
    new PutCommand({ TableName: tableName, Item: reportItem(report), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

/** Replaces a report that exists (the outlet's update); throws `not_found` if it does not. */
export async function replaceReport(report: ProblemReport): Promise<void> {
  try {
    await documents.send(
      new PutCommand({ TableName: tableName, Item: reportItem(report), ConditionExpression: 'attribute_exists(pk)' }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound('We could not find that report');
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
