/**
 * Portal accounts in Amazon Cognito: approving a registration makes its registrant an account (or
 * finds the one they have) in the `outlet_staff` group. Under `npm start` and in tests the same
 * client talks to the local server's Cognito stand-in (`COGNITO_ENDPOINT`), which keeps accounts for
 * the local sign-in service; the handlers never know which.
 *
 * Three admin operations, and the stack grants the portal's function exactly these:
 * AdminCreateUser, AdminGetUser and AdminAddUserToGroup.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../contract/me.js';
import { accountsConfig } from '../shared/config.js';

const { AWS_REGION, USER_POOL_ID, COGNITO_ENDPOINT } = accountsConfig();

const cognito = new CognitoIdentityProviderClient({
  region: AWS_REGION,
  ...(COGNITO_ENDPOINT ? { endpoint: COGNITO_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

/** The AdminCreateUser input for a person. Pure. */
export function createUserInput(email: string, name: string, userPoolId: string = USER_POOL_ID) {
  return {
    UserPoolId: userPoolId,
    // The pool signs people in by email address, so the address is the user name.
    Username: email,
    UserAttributes: [
      { Name: 'email', Value: email },
      // The registrant gave this address and will prove it with the first code they enter.
      { Name: 'email_verified', Value: 'true' },
      { Name: 'name', Value: name },
    ],
    // No temporary password (the pool is passwordless), and no Cognito invitation: its template must
    // carry a temporary password, which means nothing here. The approval email says how to sign in.
    MessageAction: 'SUPPRESS' as const,
  };
}

const subjectIn = (attributes: { Name?: string; Value?: string }[] | undefined): string | undefined =>
  attributes?.find((attribute) => attribute.Name === 'sub')?.Value;

/**
 * An account for `email` in the `role` group: made if there is none, found if there is. Returns the
 * account's `sub` (the subject of its tokens and memberships) and whether it was made now. Safe to repeat.
 */
export async function ensureAccount(email: string, name: string, role: Role): Promise<{ subject: string; created: boolean }> {
  let subject: string | undefined;
  let created = false;
  try {
    const { User } = await cognito.send(new AdminCreateUserCommand(createUserInput(email, name)));
    subject = subjectIn(User?.Attributes);
    created = true;
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
  }
  if (!subject) {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: USER_POOL_ID, Username: email }));
    subject = subjectIn(user.UserAttributes);
  }
  if (!subject) throw new Error('The account has no sub attribute');
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: USER_POOL_ID, Username: email, GroupName: role }));
  return { subject, created };
}
