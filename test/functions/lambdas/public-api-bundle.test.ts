/**
 * The public API's real entry, bundled as the stack bundles it (esbuild, ES module, minified,
 * `node:` built-ins left to Node), answers a search by a town's name: the generated place list
 * travels in the bundle and decompresses there. "Newport" needs no table (it answers choices), so
 * the bundle runs as Lambda would run it, with no DynamoDB at all. Also keeps the list's share of
 * the bundle in sight: see bench/REPORT.md, "Place names".
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'public-api-bundle-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the public API bundle', () => {
  it('answers a shared town name with its places to choose from', async () => {
    // Prepare
    await build({
      entryPoints: [join(root, 'functions/lambdas/public-api.ts')],
      outfile: join(outDir, 'index.mjs'),
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      mainFields: ['module', 'main'],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
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
      cwd: outDir,
      env: { PATH: process.env.PATH, TABLE_NAME: 'bundle-test', AWS_REGION: 'eu-west-2', LOG_LEVEL: 'SILENT' },
    });

    // Assess
    const [status, body] = JSON.parse(stdout) as [number, { name: string; choices: { label: string }[] }];
    expect(status).toBe(200);
    expect(body.name).toBe('Newport');
    expect(body.choices.map((choice) => choice.label)).toContain('Newport, Isle of Wight');
    console.log(`public-api bundle: ${(statSync(join(outDir, 'index.mjs')).size / 1024).toFixed(1)} KB (AWS SDK bundled)`);
  }, 60_000);
});
