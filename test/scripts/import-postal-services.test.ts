/**
 * `npm run import:postal` as an operator runs it: a real process against a DynamoDB endpoint.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { tableName } from '../../functions/data/client.js';
import { ensureTable } from '../../functions/data/create-table.js';
import { findPostalServicesCovering, getPostalService } from '../../functions/data/postal-services.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/imports/postal-services.json', import.meta.url));
const run = async (args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/import-postal-services.ts'), ...args], {
      cwd: root,
      env: { ...process.env, TABLE_NAME: '', LOG_LEVEL: 'SILENT' },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
};
const target = () => ['--table', tableName, '--endpoint', inject('dynamodbEndpoint')];
const inCouncil = (code: string) => ({ nation: 'england' as const, localAuthorityCode: code, localAuthorityName: null, knownFrom: 'postcode' as const });

beforeAll(async () => {
  await ensureTable();
});

describe('npm run import:postal', () => {
  it('says what a dry run would do and writes nothing; applies the valid services once; reports the invalid one', async () => {
    // Act
    const dry = await run([fixture, '--dry-run', ...target()]);
    const afterDryRun = await getPostalService('fixture-wales-post');
    const first = await run([fixture, ...target()]);
    const second = await run([fixture, ...target()]);

    // Assess
    expect(dry.stdout.split('\n')[0]).toBe('Dry run of postal-services.json: 2 new, 0 changed, 0 unchanged, 1 invalid');
    expect(afterDryRun).toBeNull();
    expect(first.stdout).toContain('Imported postal-services.json: 2 new, 0 changed, 0 unchanged, 1 invalid');
    expect(first.stdout).toMatch(/entry 3 Not An Id: id: Enter an id of 2 to 60 lower-case letters.*name: .*serviceArea\.localAuthorities\.0: Enter a local authority’s ONS code/);
    expect(first.code).toBe(1);
    expect(second.stdout.split('\n')[0]).toBe('Imported postal-services.json: 0 new, 0 changed, 2 unchanged, 1 invalid');
    // Council codes are kept upper case, as GSS codes are.
    expect((await findPostalServicesCovering(inCouncil('E07999981'))).services.map((service) => service.id)).toEqual(['fixture-two-councils']);
    expect((await findPostalServicesCovering({ nation: 'wales', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'postcode_area' })).services.map((s) => s.id)).toContain('fixture-wales-post');
  });

  it('withdraws a service imported again as inactive', async () => {
    // Prepare
    const file = join(await mkdtemp(join(tmpdir(), 'import-postal-')), 'withdraw.json');
    await copyFile(fixture, file);
    const { services } = JSON.parse(await readFile(file, 'utf8')) as { services: Record<string, unknown>[] };
    await writeFile(file, JSON.stringify([{ ...services[1], status: 'inactive' }]));
    await run([fixture, ...target()]);

    // Act
    const withdrawn = await run([file, ...target()]);

    // Assess
    expect(withdrawn.stdout).toContain('Imported withdraw.json: 0 new, 1 changed, 0 unchanged, 0 invalid');
    expect((await findPostalServicesCovering(inCouncil('E07999982'))).services).toEqual([]);
  });
});
