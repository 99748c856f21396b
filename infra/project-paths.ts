/**
 * Where the project's parts live, resolved from this file rather than the working directory, so the
 * CDK CLI, the tests and editors all find the same folders.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: bundling runs here and every Lambda entry must lie under it. */
export const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** The lock file esbuild bundling keys on. */
export const lockFile = join(projectRoot, 'package-lock.json');

/** Each route group's Lambda entry is `<lambdaEntryDir>/<group>.ts`. */
export const lambdaEntryDir = join(projectRoot, 'functions', 'lambdas');

/** The built static site (`npm run build:site`). */
export const siteDistDir = join(projectRoot, 'site', 'dist');
