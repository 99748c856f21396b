/**
 * Local authorities: one item each (`AREA#<code>`) with the name, the boundary the postcode
 * districts were placed with, and the commissioner's estimate of people using opiates.
 */
import { GetCommand, UpdateCommand } from './dynamodb-documents.js';
import { type AreaBoundary, type StoredAreaEstimate, areaBoundarySchema, storedAreaEstimateSchema } from '../contract/area.js';
import { documents, tableName } from './client.js';
import { areaKey } from './keys.js';

/** What is stored about an area. */
export interface StoredArea {
  boundary: AreaBoundary | null;
  estimate: StoredAreaEstimate | null;
}

/** Stores an area's name and boundary, keeping its estimate. */
export async function putAreaBoundary(boundary: AreaBoundary): Promise<void> {
  await documents.send(
    new UpdateCommand({
      TableName: tableName,
      Key: areaKey(boundary.code),
      UpdateExpression: 'SET entity = :entity, code = :code, #name = :name, boundary = :boundary',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':entity': 'area', ':code': boundary.code, ':name': boundary.name, ':boundary': boundary },
    }),
  );
}

/** Sets the commissioner's estimate (it replaces the one before). */
export async function putAreaEstimate(code: string, estimate: StoredAreaEstimate): Promise<void> {
  await documents.send(
    new UpdateCommand({
      TableName: tableName,
      Key: areaKey(code),
      UpdateExpression: 'SET entity = :entity, code = :code, estimate = :estimate',
      ExpressionAttributeValues: { ':entity': 'area', ':code': code, ':estimate': estimate },
    }),
  );
}

/** What is known about an area; nulls for what is not. */
export async function getArea(code: string): Promise<StoredArea> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: areaKey(code), ConsistentRead: true }));
  const boundary = areaBoundarySchema.safeParse(Item?.boundary);
  const estimate = storedAreaEstimateSchema.safeParse(Item?.estimate);
  return { boundary: boundary.success ? boundary.data : null, estimate: estimate.success ? estimate.data : null };
}

