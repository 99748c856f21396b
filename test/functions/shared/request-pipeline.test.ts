import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { errorBodySchema } from '../../../functions/contract/error.js';
import type { Memberships } from '../../../functions/core/access.js';
import { routes } from '../../../functions/routes.js';
import { notFound } from '../../../functions/shared/errors.js';
import { json } from '../../../functions/shared/http.js';
import { type ApiRequest, type GroupHandlers, groupEntry } from '../../../functions/shared/request-pipeline.js';
import { localLambdaContext } from '../../../local/lambda-context.js';

/** Every portal handler answers 200 with what it was given, and the calls are recorded. */
function recordingHandlers() {
  const calls: ApiRequest[] = [];
  const handlers = Object.fromEntries(
    routes
      .filter((route) => route.group === 'portal')
      .map((route) => [
        route.handler,
        async (request: ApiRequest) => {
          calls.push(request);
          return json(200, { handler: route.handler, actor: request.actor });
        },
      ]),
  ) as unknown as GroupHandlers<'portal'>;
  return { handlers, calls };
}

function lookups(memberships: Partial<Memberships> = {}, areas: Record<string, string> = {}) {
  const asked: string[] = [];
  return {
    asked,
    lookups: {
      readMemberships: async () => ({ outlets: [], areas: [], label: null, ...memberships }),
      outletAreaOf: async (id: string) => {
        asked.push(id);
        return areas[id] ?? null;
      },
      registrationAreaOf: async (id: string) => {
        asked.push(id);
        return areas[id] ?? null;
      },
    },
  };
}

const event = (routeKey: string, { claims, id }: { claims?: Record<string, string>; id?: string } = {}) =>
  ({
    routeKey,
    pathParameters: id ? { id } : undefined,
    requestContext: { requestId: 'api-request', ...(claims ? { authorizer: { jwt: { claims } } } : {}) },
  }) as unknown as APIGatewayProxyEventV2;

const claimsOf = (groups: string) => ({ sub: 'person', token_use: 'access', 'cognito:groups': groups });
const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? '{}');

describe('groupEntry', () => {
  it('hands a public route’s handler no actor, and the Lambda request id', async () => {
    // Prepare
    const { handlers, calls } = recordingHandlers();
    const entry = groupEntry('portal', handlers, lookups().lookups);

    // Act
    const result = await entry(event('GET /api/sign-in'), localLambdaContext('portal', 'lambda-request'));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(calls.map((call) => [call.actor, call.requestId])).toEqual([[null, 'lambda-request']]);
  });

  it('refuses a signed-in route without verified claims before its handler runs', async () => {
    // Prepare
    const { handlers, calls } = recordingHandlers();
    const entry = groupEntry('portal', handlers, lookups().lookups);

    // Act
    const result = await entry(event('GET /api/me'), localLambdaContext('portal'));

    // Assess
    expect(result.statusCode).toBe(401);
    expect(bodyOf(result)).toMatchObject({ error: 'unauthorised' });
    expect(calls).toEqual([]);
  });

  it('builds the actor from the claims and the memberships', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const entry = groupEntry('portal', handlers, lookups({ outlets: ['FA1'], label: 'Asha' }).lookups);

    // Act
    const result = await entry(event('GET /api/me', { claims: claimsOf('[outlet_staff]') }), localLambdaContext('portal'));

    // Assess
    expect(bodyOf(result).actor).toEqual({ subject: 'person', label: 'Asha', roles: ['outlet_staff'], outlets: ['FA1'], areas: [], areaNames: {} });
  });

  it('lets staff of the outlet write it, and no one else but an administrator', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const staff = groupEntry('portal', handlers, lookups({ outlets: ['FA1'] }).lookups);
    const admin = groupEntry('portal', handlers, lookups().lookups);
    const write = (id: string, groups: string) => event('PUT /api/portal/outlets/{id}/stock', { id, claims: claimsOf(groups) });

    // Act
    const statuses = [
      (await staff(write('FA1', '[outlet_staff]'), localLambdaContext('portal'))).statusCode,
      (await staff(write('FA2', '[outlet_staff]'), localLambdaContext('portal'))).statusCode,
      (await staff(write('FA1', '[]'), localLambdaContext('portal'))).statusCode,
      (await admin(write('FA2', '[admin]'), localLambdaContext('portal'))).statusCode,
    ];

    // Assess
    expect(statuses).toEqual([200, 403, 403, 200]);
  });

  it('looks up the outlet’s area only for a commissioner, and lets them read but not write', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const { lookups: commissionerLookups, asked } = lookups({ areas: ['E08000003'] }, { FA1: 'E08000003', FA2: 'E08000009' });
    const entry = groupEntry('portal', handlers, commissionerLookups);
    const claims = claimsOf('[commissioner]');

    // Act
    const readOwn = await entry(event('GET /api/portal/outlets/{id}', { id: 'FA1', claims }), localLambdaContext('portal'));
    const readOther = await entry(event('GET /api/portal/outlets/{id}', { id: 'FA2', claims }), localLambdaContext('portal'));
    const write = await entry(event('PATCH /api/portal/outlets/{id}', { id: 'FA1', claims }), localLambdaContext('portal'));

    // Assess
    expect([readOwn.statusCode, readOther.statusCode, write.statusCode]).toEqual([200, 403, 403]);
    expect(asked).toEqual(['FA1', 'FA2']);
  });

  it('lets a commissioner read and decide only their area’s registrations, looking the area up only for them', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const areas = { 'reg-trafford': 'E08000009', 'reg-manchester': 'E08000003' };
    const commissioner = lookups({ areas: ['E08000003'] }, areas);
    const staff = lookups({ outlets: ['FA1'] }, areas);
    const admin = lookups({}, areas);
    const decide = (id: string, groups: string) => event('POST /api/portal/registrations/{id}/decisions', { id, claims: claimsOf(groups) });
    const queue = (groups: string) => event('GET /api/portal/registrations', { claims: claimsOf(groups) });

    // Act
    const statuses = [
      (await groupEntry('portal', handlers, commissioner.lookups)(decide('reg-manchester', '[commissioner]'), localLambdaContext('portal'))).statusCode,
      (await groupEntry('portal', handlers, commissioner.lookups)(decide('reg-trafford', '[commissioner]'), localLambdaContext('portal'))).statusCode,
      (await groupEntry('portal', handlers, commissioner.lookups)(queue('[commissioner]'), localLambdaContext('portal'))).statusCode,
      (await groupEntry('portal', handlers, staff.lookups)(decide('reg-manchester', '[outlet_staff]'), localLambdaContext('portal'))).statusCode,
      (await groupEntry('portal', handlers, staff.lookups)(queue('[outlet_staff]'), localLambdaContext('portal'))).statusCode,
      (await groupEntry('portal', handlers, admin.lookups)(decide('reg-unknown', '[admin]'), localLambdaContext('portal'))).statusCode,
    ];

    // Assess
    expect(statuses).toEqual([200, 403, 200, 403, 403, 200]);
    expect([commissioner.asked, staff.asked, admin.asked]).toEqual([['reg-manchester', 'reg-trafford'], [], []]);
  });

  it('answers coded errors with their status and anything else with a generic 500', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const entry = groupEntry(
      'portal',
      {
        ...handlers,
        getSignInSettings: async () => {
          throw notFound('Nothing here');
        },
        getMe: async () => {
          throw new Error('table secret-table is on fire');
        },
      },
      lookups().lookups,
    );

    // Act
    const coded = await entry(event('GET /api/sign-in'), localLambdaContext('portal'));
    const bug = await entry(event('GET /api/me', { claims: claimsOf('[]') }), localLambdaContext('portal'));

    // Assess
    expect([coded.statusCode, bodyOf(coded).error]).toEqual([404, 'not_found']);
    expect([bug.statusCode, bodyOf(bug).error]).toEqual([500, 'internal_error']);
    expect(bug.body).not.toContain('secret-table');
  });

  it.each([
    ['GET', '/api/outlets/a/b', 404, 'not_found', undefined],
    ['GET', '/api/reports/x', 404, 'not_found', undefined],
    ['GET', '/api/outlets/%zz', 400, 'bad_request', undefined],
    ['GET', '/api/reports', 405, 'method_not_allowed', 'POST'],
    ['DELETE', '/api/portal/outlets/FEJ12', 405, 'method_not_allowed', 'GET, PATCH'],
  ])('answers %s %s, which no route took ($default), with %i in the error shape', async (method, rawPath, status, code, allow) => {
    // Prepare
    const { handlers, calls } = recordingHandlers();
    const entry = groupEntry('portal', handlers, lookups().lookups);
    const unmatched = { routeKey: '$default', rawPath, requestContext: { requestId: 'api-request', http: { method } } } as unknown as APIGatewayProxyEventV2;

    // Act
    const result = await entry(unmatched, localLambdaContext('portal'));

    // Assess
    expect(result.statusCode).toBe(status);
    expect(z.strictObject(errorBodySchema.shape).parse(bodyOf(result)).error).toBe(code);
    expect(result.headers?.allow).toBe(allow);
    expect(calls).toEqual([]);
  });

  it('answers a route key the group does not serve with 404', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const entry = groupEntry('portal', handlers, lookups().lookups);

    // Act
    const result = await entry(event('GET /api/outlets'), localLambdaContext('portal'));

    // Assess
    expect(result.statusCode).toBe(404);
  });

  it('refuses to build a group with signed-in routes but no access lookups', () => {
    // Prepare
    const { handlers } = recordingHandlers();

    // Act
    const build = () => groupEntry('portal', handlers);

    // Assess
    expect(build).toThrow(/no access lookups/);
  });

  it('refuses to build a group with registration routes but no registration lookup', () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const { registrationAreaOf: _omitted, ...withoutRegistrations } = lookups().lookups;

    // Act
    const build = () => groupEntry('portal', handlers, withoutRegistrations);

    // Assess
    expect(build).toThrow(/no registration lookup/);
  });
});
