/**
 * The deployed functions' bundles, built by `ApiFunction` as the stack builds them: what goes into
 * them is decided by the imports and the bundling options, so it is checked like any other output.
 * Sizes are exact for a given lock file; nothing here is timed (`npm run bench:lambda` times them).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaBundle, bundleLambdas, lambdaEntries } from '../../infra/lambda-bundles.js';

/**
 * The most a bundle may weigh, raw: issue 11's 300 KB. Exact for a given lock file, so a bundle
 * over it is a regression to look at (an AWS SDK client, zod's locales at 350 KB or the town names
 * at 98 KB coming back), not noise. `npm run bench:lambda` reports each one's size and cold import.
 */
const bundleBudgetBytes = 300 * 1024;

let outdir: string;
let bundles: LambdaBundle[];
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'lambda-bundles-'));
  bundles = bundleLambdas(outdir);
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the Lambda bundles', () => {
  it('bundles every entry of functions/lambdas', () => {
    expect(bundles.map((bundle) => bundle.name)).toEqual(lambdaEntries().map((entry) => entry.replace(/^.*\/(.*)\.ts$/, '$1')));
  });

  it('keeps every bundle within its budget', () => {
    const over = bundles.filter((bundle) => bundle.bytes > bundleBudgetBytes).map(({ name, bytes }) => `${name}: ${(bytes / 1024).toFixed(1)} KB`);
    expect(over, `over ${bundleBudgetBytes / 1024} KB`).toEqual([]);
  });

  it("ships zod's English messages and no other locale", () => {
    for (const bundle of bundles) {
      const locales = bundle.sources.filter((source) => source.includes('/zod/v4/locales/')).map((source) => source.replace(/^.*\/locales\//, ''));
      expect(locales, bundle.name).toEqual(['en.js']);
    }
  });

  it("carries none of the AWS SDK's clients or runtime: AWS is called through the functions' own signed requests", () => {
    for (const bundle of bundles) {
      const sdk = bundle.sources.filter((source) => /node_modules\/(@aws-sdk\/(?!util-dynamodb\/)|@smithy\/|@aws-crypto\/)/.test(source));
      expect(sdk, bundle.name).toEqual([]);
      expect(bundle.sources.some((source) => source.endsWith('functions/shared/aws-request.ts')), bundle.name).toBe(true);
    }
  });

  it('carries the town names beside the search function only, not in any bundle', () => {
    for (const bundle of bundles) {
      expect(bundle.sources.filter((source) => source.includes('place-names.generated')), bundle.name).toEqual([]);
      const beside = existsSync(join(dirname(bundle.file), 'place-names.generated.json'));
      expect(beside, bundle.name).toBe(bundle.name === 'public-api');
    }
  });
});
