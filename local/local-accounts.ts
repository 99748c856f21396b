/**
 * The accounts of the local sign-in service, as a Cognito user pool holds them: the demo users
 * (`demo-users.ts`), and the accounts the finder itself makes when a registration is approved,
 * through the same Cognito calls it makes on AWS (`cognito-stand-in.ts`).
 *
 * Made accounts, and groups added to demo users, are kept in `accounts.json` in the data folder
 * (beside the signing key), so they can still sign in after a restart; without a folder they live
 * in memory. Demo users are never written to the file unless a group is added to one.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { type Role, roleSchema } from '../functions/contract/me.js';
import { demoUsers, subjectOf } from './demo-users.js';

/** One account: its `sub`, sign-in address, name and Cognito groups. */
export interface LocalAccount {
  subject: string;
  email: string;
  name: string | null;
  groups: Role[];
}

/** An address that already has an account (Cognito's `UsernameExistsException`). */
export class AccountExistsError extends Error {
  override name = 'AccountExistsError';
}

/** No account has that address or subject (Cognito's `UserNotFoundException`). */
export class AccountNotFoundError extends Error {
  override name = 'AccountNotFoundError';
}

export interface LocalAccounts {
  /** The account with this address (any case), if any. */
  findByEmail(email: string): LocalAccount | undefined;
  findBySubject(subject: string): LocalAccount | undefined;
  /** Makes an account with a new random `sub`, as Cognito does; throws `AccountExistsError` if the address has one. */
  create(email: string, name: string | null): Promise<LocalAccount>;
  /** Adds the account (by address or subject) to a group; throws `AccountNotFoundError` if there is none. */
  addToGroup(who: string, group: Role): Promise<LocalAccount>;
}

const fileSchema = z.object({
  accounts: z.array(z.object({ subject: z.string(), email: z.string(), name: z.string().nullable(), groups: z.array(roleSchema) })),
});

const fileName = 'accounts.json';
const normalised = (email: string) => email.trim().toLowerCase();

const demoAccounts: LocalAccount[] = demoUsers.map((user) => ({ subject: subjectOf(user.email), email: user.email, name: user.name, groups: [...user.groups] }));

/** Opens the accounts: the demo users, and those kept in `dir` (none in memory when `dir` is not given). */
export async function openLocalAccounts({ dir }: { dir?: string } = {}): Promise<LocalAccounts> {
  const stored = new Map<string, LocalAccount>();
  if (dir) {
    await mkdir(dir, { recursive: true });
    try {
      for (const account of fileSchema.parse(JSON.parse(await readFile(join(dir, fileName), 'utf8'))).accounts) stored.set(account.subject, account);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  const all = () => [...stored.values(), ...demoAccounts.filter((account) => !stored.has(account.subject))];
  const findByEmail = (email: string) => all().find((account) => account.email === normalised(email));
  const findBySubject = (subject: string) => all().find((account) => account.subject === subject);

  /** Written whole to a new file, then renamed over the old one, so a crash never leaves half a file. */
  async function save(): Promise<void> {
    if (!dir) return;
    const path = join(dir, fileName);
    await writeFile(`${path}.new`, `${JSON.stringify({ accounts: [...stored.values()] }, null, 2)}\n`, { mode: 0o600 });
    await rename(`${path}.new`, path);
  }

  return {
    findByEmail,
    findBySubject,
    async create(email, name) {
      if (findByEmail(email)) throw new AccountExistsError('An account with the given email already exists.');
      const account: LocalAccount = { subject: randomUUID(), email: normalised(email), name, groups: [] };
      stored.set(account.subject, account);
      await save();
      return account;
    },
    async addToGroup(who, group) {
      const account = findByEmail(who) ?? findBySubject(who);
      if (!account) throw new AccountNotFoundError('User does not exist.');
      if (account.groups.includes(group)) return account;
      const updated = { ...account, groups: [...account.groups, group].sort() };
      stored.set(updated.subject, updated);
      await save();
      return updated;
    },
  };
}
