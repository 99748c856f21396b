/**
 * The public API's real entry, bundled by `ApiFunction` as the stack bundles it, answers a search by
 * a town's name: the generated place list is read from beside the bundle, where the stack copies it,
 * and decompresses there. "Newport" needs no table (it answers choices), so the bundle runs as Lambda
 * would run it, with no DynamoDB at all.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleLambdas } from '../../../infra/lambda-bundles.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'public-api-bundle-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the public API bundle', () => {
  it('answers a shared town name with its places to choose from', async () => {
    // Prepare
    const [bundle] = bundleLambdas(outDir, [join(root, 'functions/lambdas/public-api.ts')]);
    const event = {
      routeKey: 'GET /api/outlets',
      rawPath: '/api/outlets',
      queryStringParameters: { place: 'newport' },
      headers: {},
      requestContext: { http: { method: 'GET', path: '/api/outlets' } },
    };
    const invoke = `
      const { handler } = await import('./index.mjs');
      const context = { awsRequestId: 'bundle-test', functionName: 'bundle-test', getRemainingTimeInMillis: () => 10000 };
      const answer = await handler(${JSON.stringify(event)}, context);
      console.log(JSON.stringify([answer.statusCode, JSON.parse(answer.body)]));`;

    // Act
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', invoke], {
      cwd: dirname(bundle?.file ?? outDir),
      env: { PATH: process.env.PATH, TABLE_NAME: 'bundle-test', AWS_REGION: 'eu-west-2', LOG_LEVEL: 'SILENT' },
    });

    // Assess
    const [status, body] = JSON.parse(stdout) as [number, { name: string; choices: { label: string }[] }];
    expect(status).toBe(200);
    expect(body.name).toBe('Newport');
    expect(body.choices.map((choice) => choice.label)).toContain('Newport, Isle of Wight');
  }, 60_000);
});
