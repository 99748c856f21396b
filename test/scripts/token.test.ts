/**
 * `npm run token` as a developer runs it: a real process against a running finder, only the token
 * on stdout, and a clear message on stderr when it cannot give one.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectOf } from '../../local/demo-users.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { createJwtAuthorizer } from '../../local/jwt-authorizer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let finder: RunningFinder;

/** Runs `scripts/token.ts` with tsx. */
function token(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/token.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir: fileURLToPath(new URL('../fixtures/site/', import.meta.url)), seed: false });
});

afterAll(async () => {
  await finder?.close();
});

describe('npm run token', () => {
  it('prints only an access token for the user, which the API accepts', async () => {
    // Act
    const run = await token(['--user', 'chloe', '--url', finder.url]);
    const claims = await createJwtAuthorizer(finder.signIn)(run.stdout.trim());
    const me = await fetch(`${finder.url}/api/me`, { headers: { authorization: `Bearer ${run.stdout.trim()}` } });

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(claims).toMatchObject({ sub: subjectOf('chloe.davies@example.org'), token_use: 'access', 'cognito:groups': '[commissioner]' });
    expect(me.status).toBe(200);
  });

  it('takes the user’s email address as well as their handle', async () => {
    // Act
    const run = await token(['--user', 'Dami.Adeyemi@example.org', '--url', finder.url]);

    // Assess
    expect(run.code).toBe(0);
    expect((await createJwtAuthorizer(finder.signIn)(run.stdout.trim()))?.['cognito:groups']).toBe('[admin]');
  });

  it('lists the demo users as JSON without a running finder', async () => {
    // Act
    const run = await token(['--list', '--json']);

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { user: 'asha', email: 'asha.patel@example.org', name: 'Asha Patel', roles: ['outlet_staff'], outlets: ['FD532', 'FEX27'], areas: [] },
      { user: 'ben', email: 'ben.okafor@example.org', name: 'Ben Okafor', roles: ['outlet_staff'], outlets: ['FN831'], areas: [] },
      { user: 'chloe', email: 'chloe.davies@example.org', name: 'Chloe Davies', roles: ['commissioner'], outlets: [], areas: [{ code: 'E08000003', name: 'Manchester' }] },
      { user: 'dami', email: 'dami.adeyemi@example.org', name: 'Dami Adeyemi', roles: ['admin'], outlets: [], areas: [] },
      { user: 'tariq', email: 'tariq.hussain@example.org', name: 'Tariq Hussain', roles: ['commissioner'], outlets: [], areas: [{ code: 'E08000009', name: 'Trafford' }] },
    ]);
  });

  it('lists the demo users as a table', async () => {
    // Act
    const run = await token(['--list']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^user\s+email\s+name\s+roles\s+outlets \/ areas$/);
    expect(run.stdout).toMatch(/chloe\s+chloe\.davies@example\.org\s+Chloe Davies\s+commissioner\s+E08000003 \(Manchester\)/);
  });

  it('says so on stderr when the user is unknown', async () => {
    // Act
    const run = await token(['--user', 'zed', '--url', finder.url]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('There is no demo user "zed"');
  });

  it('says so on stderr when the finder is not running', async () => {
    // Prepare
    const url = `http://127.0.0.1:${await closedPort()}`;

    // Act
    const run = await token(['--user', 'asha', '--url', url]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(`The finder is not running at ${url}: start it with npm start`);
  });
});
