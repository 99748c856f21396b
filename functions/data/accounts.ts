/**
 * Portal accounts in Amazon Cognito: approving a registration makes its registrant an account (or
 * finds the one they have) in the `outlet_staff` group. Under `npm start` and in tests the same
 * client talks to the local server's Cognito stand-in (`COGNITO_ENDPOINT`), which keeps accounts for
 * the local sign-in service; the handlers never know which.
 *
 * Three admin operations, and the stack grants the portal's function exactly these:
 * AdminCreateUser, AdminGetUser and AdminAddUserToGroup. They are Cognito's JSON 1.1 calls
 * (`X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`), signed by
 * `shared/aws-request.ts` rather than made through the SDK's Cognito client (34 KB plus its runtime).
 */
import type { Role } from '../contract/me.js';
import { AwsServiceError, callAwsJson } from '../shared/aws-request.js';
import { accountsConfig } from '../shared/config.js';
import { awsService } from './aws-services.js';

const { AWS_REGION, USER_POOL_ID, COGNITO_ENDPOINT } = accountsConfig();

const cognito = awsService('cognito-idp', AWS_REGION, `https://cognito-idp.${AWS_REGION}.amazonaws.com`, COGNITO_ENDPOINT);

interface Attribute {
  Name?: string;
  Value?: string;
}

/** One Cognito operation: its input as AWS's API reference defines it, its parsed answer. */
const callCognito = <T>(operation: 'AdminCreateUser' | 'AdminGetUser' | 'AdminAddUserToGroup', input: unknown): Promise<T> =>
  callAwsJson<T>(cognito, `AWSCognitoIdentityProviderService.${operation}`, input, '1.1');

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

const subjectIn = (attributes: Attribute[] | undefined): string | undefined =>
  attributes?.find((attribute) => attribute.Name === 'sub')?.Value;

/**
 * An account for `email` in the `role` group: made if there is none, found if there is. Returns the
 * account's `sub` (the subject of its tokens and memberships) and whether it was made now. Safe to repeat.
 */
export async function ensureAccount(email: string, name: string, role: Role): Promise<{ subject: string; created: boolean }> {
  let subject: string | undefined;
  let created = false;
  try {
    const { User } = await callCognito<{ User?: { Attributes?: Attribute[] } }>('AdminCreateUser', createUserInput(email, name));
    subject = subjectIn(User?.Attributes);
    created = true;
  } catch (error) {
    if (!(error instanceof AwsServiceError && error.name === 'UsernameExistsException')) throw error;
  }
  if (!subject) {
    const user = await callCognito<{ UserAttributes?: Attribute[] }>('AdminGetUser', { UserPoolId: USER_POOL_ID, Username: email });
    subject = subjectIn(user.UserAttributes);
  }
  if (!subject) throw new Error('The account has no sub attribute');
  await callCognito('AdminAddUserToGroup', { UserPoolId: USER_POOL_ID, Username: email, GroupName: role });
  return { subject, created };
}
