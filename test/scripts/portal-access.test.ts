/**
 * Granting portal memberships as an operator does: a real process against a DynamoDB endpoint.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { tableName } from '../../functions/data/client.js';
import { ensureTable } from '../../functions/data/create-table.js';
import { readMemberships } from '../../functions/data/memberships.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/portal-access.ts'), ...args], {
    cwd: root,
    env: { ...process.env, TABLE_NAME: '', LOG_LEVEL: 'SILENT' },
  });

beforeAll(async () => {
  await ensureTable();
});

describe('npm run portal:access', () => {
  it('grants outlets and areas with a profile, shows them, and takes one away', async () => {
    // Prepare
    const target = ['--subject', 'ops-person', '--table', tableName, '--endpoint', inject('dynamodbEndpoint')];

    // Act
    const granted = await run(['grant', ...target, '--email', 'chloe@example.org', '--name', 'Chloe', '--outlet', 'FA1', '--area', 'E08000003', '--area-name', 'Manchester']);
    await run(['revoke', ...target, '--outlet', 'FA1']);

    // Assess
    expect(granted.stdout).toContain('Chloe (chloe@example.org)\n  outlets: FA1\n  areas: E08000003 (Manchester)');
    expect(await readMemberships('ops-person')).toMatchObject({ outlets: [], areas: ['E08000003'], label: 'Chloe (chloe@example.org)' });
  });

  it('refuses a malformed area code and changes nothing', async () => {
    // Act
    const refused = run(['grant', '--subject', 'ops-bad', '--email', 'x@example.org', '--area', 'Manchester', '--table', tableName, '--endpoint', inject('dynamodbEndpoint')]);

    // Assess
    await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('is not a local authority code') });
    expect(await readMemberships('ops-bad')).toMatchObject({ outlets: [], areas: [], label: null });
  });
});
