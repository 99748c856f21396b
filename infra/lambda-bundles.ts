/**
 * Every Lambda entry of `functions/lambdas/`, bundled by `ApiFunction` itself: a throwaway stack
 * holds one function per entry and is synthesised, so CDK runs esbuild with exactly the options
 * the deployed stack uses, and there is no second copy of them to drift. For `npm run bench:lambda`
 * and the bundle size test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { App, Stack } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { type RouteGroup, routeGroups } from '../functions/routes.js';
import { ApiFunction } from './constructs/api-function.js';
import { lambdaEntryDir } from './project-paths.js';
import { filesBesideBundleOf } from './route-plan.js';

/** One function's bundle, as CDK staged it for upload. */
export interface LambdaBundle {
  /** The entry's name, `public-api` for `functions/lambdas/public-api.ts`. */
  readonly name: string;
  /** The bundle (`index.mjs`) in the cloud assembly. */
  readonly file: string;
  /** The bundle's size in bytes, without its source map. */
  readonly bytes: number;
  /** The same, gzipped at the default level: roughly what the deployment package costs. */
  readonly gzipBytes: number;
  /** The source map's `sources`: every input file that put code into the bundle. */
  readonly sources: readonly string[];
}

/** The entry files the stack deploys, one per function. */
export function lambdaEntries(dir = lambdaEntryDir): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => join(dir, file));
}

/** The files a route group's function has beside its bundle; the jobs' entries have none. */
const filesOf = (name: string): readonly string[] => (name in routeGroups ? filesBesideBundleOf(name as RouteGroup) : []);

/** Bundles each entry through `ApiFunction` into `outdir` (a cloud assembly) and reads the results. */
export function bundleLambdas(outdir: string, entries = lambdaEntries()): LambdaBundle[] {
  const app = new App({ outdir });
  // Offline: a dummy account and region, as `cdk synth` has them.
  const stack = new Stack(app, 'LambdaBundles', { env: { account: '111111111111', region: 'eu-west-2' } });
  const functions = entries.map((entry) => ({ name: basename(entry, '.ts'), fn: new ApiFunction(stack, basename(entry, '.ts'), { entry, filesBesideBundle: filesOf(basename(entry, '.ts')) }) }));
  app.synth();
  return functions.map(({ name, fn }) => {
    const asset = fn.function.node.findAll().find((child): child is Asset => child instanceof Asset);
    if (!asset) throw new Error(`${name}: the function has no code asset`);
    const file = join(outdir, asset.assetPath, 'index.mjs');
    const code = readFileSync(file);
    const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    return { name, file, bytes: code.length, gzipBytes: gzipSync(code).length, sources };
  });
}
