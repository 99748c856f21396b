/**
 * The local stand-in for the three Amazon Cognito admin operations the finder uses when it
 * approves a registration: AdminCreateUser, AdminGetUser and AdminAddUserToGroup. The functions'
 * Cognito client is pointed here (`COGNITO_ENDPOINT`) under `npm start` and in tests, and speaks
 * Cognito's own protocol (JSON 1.1, the operation in `X-Amz-Target`), so the handler code is the
 * same on AWS and locally. Accounts land in the local sign-in service's accounts, which can then
 * sign in with a code from the local outbox. Only this machine may call it.
 *
 * Errors have Cognito's shape (`__type`, `message`, and the `x-amzn-errortype` header), so the SDK
 * raises the same exception classes it raises on AWS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { roleSchema } from '../functions/contract/me.js';
import { AccountExistsError, AccountNotFoundError, type LocalAccount, type LocalAccounts } from './local-accounts.js';

/** Where the stand-in answers; the client posts to it (with or without a trailing slash). */
export const cognitoStandInPath = '/_local/cognito';

/** The local user pool's id, which the functions are given as `USER_POOL_ID`. */
export const localUserPoolId = 'eu-west-2_LocalPool';

const targetPrefix = 'AWSCognitoIdentityProviderService.';
const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const attributesSchema = z.array(z.object({ Name: z.string(), Value: z.string().optional() })).default([]);
const requests = {
  AdminCreateUser: z.object({ UserPoolId: z.string(), Username: z.string().min(1), UserAttributes: attributesSchema, MessageAction: z.string().optional() }),
  AdminGetUser: z.object({ UserPoolId: z.string(), Username: z.string().min(1) }),
  AdminAddUserToGroup: z.object({ UserPoolId: z.string(), Username: z.string().min(1), GroupName: z.string() }),
};
type Operation = keyof typeof requests;

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

/** The account's attributes as Cognito lists them. */
const attributesOf = (account: LocalAccount) => [
  { Name: 'sub', Value: account.subject },
  { Name: 'email', Value: account.email },
  { Name: 'email_verified', Value: 'true' },
  ...(account.name ? [{ Name: 'name', Value: account.name }] : []),
];

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function perform(accounts: LocalAccounts, operation: Operation, input: unknown): Promise<unknown> {
  const parsed = requests[operation].safeParse(input);
  if (!parsed.success) throw new CognitoError('InvalidParameterException', parsed.error.issues[0]?.message ?? 'Invalid request');
  if (parsed.data.UserPoolId !== localUserPoolId) throw new CognitoError('ResourceNotFoundException', `User pool ${parsed.data.UserPoolId} does not exist.`);
  try {
    if (operation === 'AdminCreateUser') {
      const { Username, UserAttributes } = requests.AdminCreateUser.parse(input);
      const email = UserAttributes.find((attribute) => attribute.Name === 'email')?.Value ?? Username;
      const name = UserAttributes.find((attribute) => attribute.Name === 'name')?.Value ?? null;
      const account = await accounts.create(email, name);
      return { User: { Username: account.subject, Attributes: attributesOf(account), Enabled: true, UserStatus: 'CONFIRMED', UserCreateDate: nowSeconds(), UserLastModifiedDate: nowSeconds() } };
    }
    if (operation === 'AdminGetUser') {
      const { Username } = requests.AdminGetUser.parse(input);
      const account = accounts.findByEmail(Username) ?? accounts.findBySubject(Username);
      if (!account) throw new AccountNotFoundError('User does not exist.');
      return { Username: account.subject, UserAttributes: attributesOf(account), Enabled: true, UserStatus: 'CONFIRMED', UserCreateDate: nowSeconds(), UserLastModifiedDate: nowSeconds() };
    }
    const { Username, GroupName } = requests.AdminAddUserToGroup.parse(input);
    const group = roleSchema.safeParse(GroupName);
    if (!group.success) throw new CognitoError('ResourceNotFoundException', 'Group not found.');
    await accounts.addToGroup(Username, group.data);
    return {};
  } catch (error) {
    if (error instanceof AccountExistsError) throw new CognitoError('UsernameExistsException', error.message);
    if (error instanceof AccountNotFoundError) throw new CognitoError('UserNotFoundException', error.message);
    throw error;
  }
}

/** Answers a Cognito call as Cognito would; false for a path that is not the stand-in's. */
export async function serveCognitoStandIn(
  accounts: LocalAccounts,
  request: IncomingMessage,
  pathname: string,
  body: Buffer,
  response: ServerResponse,
): Promise<boolean> {
  if (pathname !== cognitoStandInPath && pathname !== `${cognitoStandInPath}/`) return false;
  if (!loopback.has(request.socket.remoteAddress ?? '') || request.method !== 'POST') {
    send(response, 404, { message: 'Not found' });
    return true;
  }
  const target = String(request.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
  try {
    if (!Object.hasOwn(requests, operation)) throw new CognitoError('UnknownOperationException', `The stand-in does not do ${operation || 'that'}`);
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      throw new CognitoError('SerializationException', 'The request body is not JSON');
    }
    send(response, 200, await perform(accounts, operation as Operation, input));
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    send(response, 400, { __type: error.type, message: error.message }, { 'x-amzn-errortype': error.type });
  }
  return true;
}
