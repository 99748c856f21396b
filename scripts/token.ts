/**
 * `npm run token`: an access token for a demo user, from the running local finder, through the
 * real sign-in (authorization code flow with PKCE, the sign-in pages, the code from the local
 * outbox). Only the token goes to stdout, so it can be used in place:
 *
 *   curl -H "Authorization: Bearer $(npm run -s token -- --user asha)" http://127.0.0.1:3000/api/me
 *
 *   npm run token -- --user asha [--url http://127.0.0.1:3000]
 *   npm run token -- --list [--json]      the demo users (no server needed)
 */
import { parseArgs } from 'node:util';
import { type DemoUser, demoUsers, findDemoUser } from '../local/demo-users.js';
import { SignInFlowError, signInThroughPages } from '../local/sign-in-flow.js';

const usage = 'Usage: npm run token -- --user <handle or email> [--url http://127.0.0.1:3000]\n       npm run token -- --list [--json]';

/** A demo user as `--list --json` prints them. */
function listed(user: DemoUser) {
  return { user: user.user, email: user.email, name: user.name, roles: user.groups, outlets: user.outlets, areas: user.areas };
}

function table(): string {
  const rows = demoUsers.map((user) => [
    user.user,
    user.email,
    user.name,
    user.groups.join(', '),
    [...user.outlets, ...user.areas.map((area) => `${area.code} (${area.name})`)].join(', ') || '-',
  ]);
  const header = ['user', 'email', 'name', 'roles', 'outlets / areas'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      user: { type: 'string' },
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      list: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}

if (args.help) {
  console.log(usage);
} else if (args.list) {
  console.log(args.json ? JSON.stringify(demoUsers.map(listed), null, 2) : table());
} else {
  if (!args.user) fail(`Say whose token: --user, one of ${demoUsers.map((user) => user.user).join(', ')}\n${usage}`);
  const user = findDemoUser(args.user);
  if (!user) fail(`There is no demo user "${args.user}". The demo users are:\n${table()}`);
  try {
    const signedIn = await signInThroughPages({ finderUrl: args.url.replace(/\/+$/, ''), email: user.email });
    process.stdout.write(`${signedIn.access_token}\n`);
  } catch (error) {
    fail(error instanceof SignInFlowError ? error.message : `Signing in failed: ${(error as Error).message}`);
  }
}
