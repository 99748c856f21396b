/**
 * Problem reports: written once, never changed; read per outlet.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type ProblemReport, problemReportSchema } from '../contract/report.js';
import { documents, tableName } from './client.js';
import { outletKey, reportKey } from './keys.js';

/** The item for a report. Pure: builds what `putReport` writes. */
export function reportItem(report: ProblemReport): Record<string, unknown> {
  return { ...reportKey(report.outletId, report.receivedAt, report.id), entity: 'report', ...report };
}

/** Stores a new report; the condition makes a repeated id fail rather than overwrite. */
export async function putReport(report: ProblemReport): Promise<void> {
  await documents.send(
    new PutCommand({ TableName: tableName, Item: reportItem(report), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

/** An outlet's reports, oldest first. */
export async function listReports(outletId: string): Promise<ProblemReport[]> {
  const reports: ProblemReport[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': outletKey(outletId).pk, ':prefix': 'REPORT#' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const parsed = problemReportSchema.safeParse(item);
      if (parsed.success) reports.push(parsed.data);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return reports;
}
