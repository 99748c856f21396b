/**
 * `npm run bench:lambda`: every Lambda function's bundle, built by `ApiFunction` as the stack
 * builds it (`infra/lambda-bundles.ts`), sized raw and gzipped, and its cold import timed, written
 * to `bench/results/lambda.json`.
 *
 * A cold import is a fresh `node --enable-source-maps` process (as `NODE_OPTIONS` sets it on
 * Lambda) importing the bundle: module evaluation, the SDK clients and checked configuration built
 * at load, the source map read. The bundles are imported from a folder with no node_modules near
 * it, so a bundle that is not whole fails here. Not the Lambda runtime's own start, nor a first request. The median
 * of `RUNS` runs per function, wall-clock and CPU time (on a shared machine the wall clock mostly
 * measures the other work; the CPU time is what the import itself cost), with the environment the
 * stack gives each function (placeholder values of the same shape; nothing is called). This machine
 * runs Node 20, Lambda Node 22.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleLambdas } from '../infra/lambda-bundles.js';
import { projectRoot } from '../infra/project-paths.js';

const RUNS = Number(process.env.RUNS ?? 7);
/** Issue 11's targets for every function. */
const targets = { bytes: 300 * 1024, coldImportMs: 100 } as const;

/** What the stack's bind… calls set, with placeholder values that pass the functions' checks. */
const lambdaEnvironment = {
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  LOG_LEVEL: 'INFO',
  TABLE_NAME: 'FinderBench-Table',
  AUTH_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Bench1',
  AUTH_CLIENT_ID: 'benchclient',
  AUTH_AUTHORIZATION_ENDPOINT: 'https://bench.auth.eu-west-2.amazoncognito.com/oauth2/authorize',
  AUTH_TOKEN_ENDPOINT: 'https://bench.auth.eu-west-2.amazoncognito.com/oauth2/token',
  AUTH_LOGOUT_ENDPOINT: 'https://bench.auth.eu-west-2.amazoncognito.com/logout',
  EMAIL_FROM: 'portal@finder.example.org',
  SITE_URL: 'https://naloxone.example.org',
  USER_POOL_ID: 'eu-west-2_Bench1',
  LINK_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:111111111111:secret:LinkKeys-bench',
  ORIGIN_VERIFY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:111111111111:secret:OriginSecret-bench',
  OPEN_DATA_BUCKET: 'finder-bench-open-data',
  // The SDK warns on Node 20, which only this machine runs; Lambda runs Node 22.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** One cold import, measured in the child. */
interface ColdImport {
  /** Wall-clock milliseconds from the start of the import to the module's evaluation. */
  readonly wallMs: number;
  /** CPU milliseconds (user and system) the import took: what a shared machine's load distorts least. */
  readonly cpuMs: number;
}

function coldImport(file: string): ColdImport {
  const script =
    `const cpu = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); ` +
    'const wallMs = performance.now() - t; const { user, system } = process.cpuUsage(cpu); ' +
    'process.stdout.write(JSON.stringify({ wallMs, cpuMs: (user + system) / 1000 }));';
  const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, ...lambdaEnvironment },
    encoding: 'utf8',
  });
  return JSON.parse(out) as ColdImport;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const outdir = mkdtempSync(join(tmpdir(), 'bench-lambda-'));
try {
  const started = performance.now();
  const bundles = bundleLambdas(outdir);
  const bundleSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const functions = bundles.map((bundle) => {
    const runs = Array.from({ length: RUNS }, () => coldImport(bundle.file));
    const rounded = (values: number[]) => values.map((ms) => Number(ms.toFixed(1)));
    return {
      name: bundle.name,
      bytes: bundle.bytes,
      gzipBytes: bundle.gzipBytes,
      coldImportMedianMs: Number(median(runs.map((run) => run.wallMs)).toFixed(1)),
      coldImportCpuMedianMs: Number(median(runs.map((run) => run.cpuMs)).toFixed(1)),
      coldImportRunsMs: rounded(runs.map((run) => run.wallMs)),
      coldImportCpuRunsMs: rounded(runs.map((run) => run.cpuMs)),
    };
  });
  const meetsTargets = functions.every((fn) => fn.bytes <= targets.bytes && fn.coldImportMedianMs <= targets.coldImportMs);
  const report = { date: new Date().toISOString(), node: process.version, cores: cpus().length, loadAverage: loadavg().map((load) => Number(load.toFixed(1))), runs: RUNS, bundleSeconds, targets, meetsTargets, functions };
  mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench', 'results', 'lambda.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.table(
    functions.map(({ name, bytes, gzipBytes, coldImportMedianMs, coldImportCpuMedianMs }) => ({
      function: name,
      KB: Number((bytes / 1024).toFixed(1)),
      'KB gzip': Number((gzipBytes / 1024).toFixed(1)),
      'cold import ms': coldImportMedianMs,
      'cold import CPU ms': coldImportCpuMedianMs,
    })),
  );
  console.log(
    `${bundles.length} functions bundled in ${bundleSeconds} s; medians of ${RUNS} cold imports each; load average ${report.loadAverage.join(' ')} ` +
      `on ${report.cores} cores; targets ${targets.bytes / 1024} KB and ${targets.coldImportMs} ms ${meetsTargets ? 'met by every function' : 'NOT met'}; written to bench/results/lambda.json`,
  );
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
