/**
 * The counter rebuild as an operator runs it: a real process against a DynamoDB endpoint.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { UpdateCommand } from '../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { documents, tableName } from '../../functions/data/client.js';
import { ensureTable } from '../../functions/data/create-table.js';
import { geoCountKey } from '../../functions/data/keys.js';
import { putOutlets } from '../../functions/data/outlets.js';
import { buildOutlet } from '../fixtures/outlets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/rebuild-geo-counters.ts'), ...args], {
    cwd: root,
    env: { ...process.env, TABLE_NAME: '', LOG_LEVEL: 'SILENT' },
  });

beforeAll(async () => {
  await ensureTable();
  await putOutlets([
    buildOutlet({ id: 'MAN1', location: { lat: 53.4808, lng: -2.2426 } }),
    buildOutlet({ id: 'MAN2', location: { lat: 53.4812, lng: -2.2431 } }),
  ]);
});

describe('npm run rebuild:geo-counters', () => {
  it('corrects a counter that was zeroed, and then finds nothing to correct', async () => {
    // Prepare: a zeroed counter would hide both outlets from every search.
    await documents.send(
      new UpdateCommand({ TableName: tableName, Key: geoCountKey('gcw2'), UpdateExpression: 'SET #total = :zero', ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: { ':zero': 0 } }),
    );
    const args = ['--table', tableName, '--endpoint', inject('dynamodbEndpoint')];

    // Act
    const first = await run(args);
    const second = await run(args);

    // Assess
    expect(first.stdout).toMatch(/Recounted 2 published outlets in 1 cells; corrected 1: gcw2/);
    expect(second.stdout).toMatch(/every counter was right/);
  });

  it('refuses to run without a table', async () => {
    await expect(run([])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Name the table') });
  });
});
