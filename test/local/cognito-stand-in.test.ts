/**
 * The local Cognito stand-in through the real Cognito client, as the functions call it: accounts
 * made, found and grouped as Cognito would, with Cognito's own exceptions, kept across a restart,
 * and signed in by the local sign-in service.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  ResourceNotFoundException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoStandInPath, localUserPoolId } from '../../local/cognito-stand-in.js';
import { subjectOf } from '../../local/demo-users.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { openLocalAccounts } from '../../local/local-accounts.js';
import { signInThroughPages } from '../../local/sign-in-flow.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
let finder: RunningFinder;
let cognito: CognitoIdentityProviderClient;
const UserPoolId = localUserPoolId;

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir, seed: false });
  cognito = new CognitoIdentityProviderClient({
    region: 'eu-west-2',
    endpoint: `${finder.url}${cognitoStandInPath}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  await finder?.close();
});

describe('the Cognito stand-in', () => {
  it('makes an account the local sign-in service signs in, in the group it was added to', async () => {
    // Prepare
    const email = 'new.person@example.org';

    // Act
    const { User } = await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: email, UserAttributes: [{ Name: 'email', Value: email }, { Name: 'name', Value: 'New Person' }], MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: 'outlet_staff' }));
    const found = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: 'New.Person@example.org' }));
    const tokens = await signInThroughPages({ finderUrl: finder.url, email });

    // Assess
    const sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    expect(sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(found.UserAttributes).toContainEqual({ Name: 'sub', Value: sub });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ sub, 'cognito:groups': ['outlet_staff'] });
  });

  it('answers with Cognito’s exceptions: an address that has an account, an unknown person, group or pool', async () => {
    // Act
    const exists = await failureOf(cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: 'asha.patel@example.org' })));
    const nobody = await failureOf(cognito.send(new AdminGetUserCommand({ UserPoolId, Username: 'nobody@example.org' })));
    const noGroup = await failureOf(cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: 'asha.patel@example.org', GroupName: 'superusers' })));
    const noPool = await failureOf(cognito.send(new AdminGetUserCommand({ UserPoolId: 'eu-west-2_Elsewhere', Username: 'asha.patel@example.org' })));

    // Assess
    expect(exists).toBeInstanceOf(UsernameExistsException);
    expect(nobody).toBeInstanceOf(UserNotFoundException);
    expect(noGroup).toBeInstanceOf(ResourceNotFoundException);
    expect(noPool).toBeInstanceOf(ResourceNotFoundException);
  });

  it('finds a demo user with the subject the demo gives them', async () => {
    // Act
    const found = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: 'asha.patel@example.org' }));

    // Assess
    expect(found.Username).toBe(subjectOf('asha.patel@example.org'));
  });
});

describe('local accounts', () => {
  it('keeps made accounts and added groups in the data folder, and only those', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'local-accounts-'));
    try {
      const first = await openLocalAccounts({ dir });
      const made = await first.create('Kept@Example.org', 'Kept');
      await first.addToGroup('kept@example.org', 'outlet_staff');
      await first.addToGroup('ben.okafor@example.org', 'commissioner');

      // Act
      const reopened = await openLocalAccounts({ dir });

      // Assess
      expect(reopened.findByEmail('kept@example.org')).toEqual({ subject: made.subject, email: 'kept@example.org', name: 'Kept', groups: ['outlet_staff'] });
      expect(reopened.findByEmail('ben.okafor@example.org')?.groups).toEqual(['commissioner', 'outlet_staff']);
      expect(reopened.findByEmail('asha.patel@example.org')?.groups).toEqual(['outlet_staff']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
