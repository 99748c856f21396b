/**
 * Vitest global setup: one embedded DynamoDB for the whole run. Each test file gets its own table
 * (see `test/support/env.ts`), so files never see each other's items.
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedDynamoDb } from '../../local/embedded-dynamodb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const engine = await startEmbeddedDynamoDb();
  project.provide('dynamodbEndpoint', engine.endpoint);
  return () => engine.close();
}
