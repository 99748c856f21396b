/**
 * The API construct on its own, with inline functions: no bundling, so each test builds its own.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Route } from '../../../functions/routes.js';
import { RouteTableApi } from '../../../infra/constructs/route-table-api.js';

const issuer = 'https://issuer.example.org/pool';

function build(routes: Route[], { withAuthorizer = true, unmatched = false } = {}): Stack {
  const stack = new Stack();
  const fn = new LambdaFunction(stack, 'Fn', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => ({ statusCode: 204 });'),
  });
  new RouteTableApi(stack, 'Http', {
    routes,
    functions: { 'public-api': fn },
    throttle: { rateLimit: 1, burstLimit: 2 },
    signedInAuthorizer: withAuthorizer ? new HttpJwtAuthorizer('SignedIn', issuer, { jwtAudience: ['site-client'] }) : undefined,
    ...(unmatched ? { unmatchedGroup: 'public-api' as const } : {}),
  });
  return stack;
}

describe('RouteTableApi', () => {
  it('serves public routes without an authorizer', () => {
    // Prepare
    const routes: Route[] = [{ method: 'POST', path: '/api/reports', group: 'public-api', handler: 'report', access: 'public' }];

    // Act
    const template = Template.fromStack(build(routes));

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /api/reports',
      AuthorizationType: 'NONE',
      AuthorizerId: Match.absent(),
    });
  });

  it('puts the one JWT authorizer on every route that is not public, whatever its access level', () => {
    // Prepare
    const routes: Route[] = [
      { method: 'GET', path: '/api/me', group: 'public-api', handler: 'getMe', access: 'signed_in' },
      { method: 'GET', path: '/api/portal/outlets/{id}', group: 'public-api', handler: 'read', access: 'outlet_read' },
      { method: 'PATCH', path: '/api/portal/outlets/{id}', group: 'public-api', handler: 'edit', access: 'outlet_write' },
    ];

    // Act
    const template = Template.fromStack(build(routes));

    // Assess
    const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer');
    const [authorizerId] = Object.keys(authorizers);
    expect(Object.keys(authorizers)).toHaveLength(1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: issuer, Audience: ['site-client'] },
    });
    const apiRoutes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Array<{ Properties: Record<string, any> }>;
    expect(apiRoutes.map((route) => [route.Properties.RouteKey, route.Properties.AuthorizationType, route.Properties.AuthorizerId])).toEqual(
      routes.map((route) => [`${route.method} ${route.path}`, 'JWT', { Ref: authorizerId }]),
    );
  });

  it('sends requests no route takes to the unmatched group’s function, without an authorizer, only when asked', () => {
    // Prepare
    const routes: Route[] = [{ method: 'GET', path: '/api/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' }];

    // Act
    const withDefault = Template.fromStack(build(routes, { unmatched: true }));
    const without = Template.fromStack(build(routes));

    // Assess
    const [integrationId] = Object.keys(withDefault.findResources('AWS::ApiGatewayV2::Integration'));
    expect(Object.keys(withDefault.findResources('AWS::ApiGatewayV2::Integration'))).toHaveLength(1);
    withDefault.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      AuthorizationType: 'NONE',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
    });
    expect(without.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: '$default' } })).toEqual({});
  });

  it('gives a route with its own throttle that limit, after the route exists, and leaves the rest to the stage', () => {
    // Prepare
    const routes: Route[] = [
      { method: 'GET', path: '/api/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' },
      { method: 'POST', path: '/api/reports', group: 'public-api', handler: 'report', access: 'public', throttle: { rateLimit: 3, burstLimit: 4 } },
    ];

    // Act
    const template = Template.fromStack(build(routes));

    // Assess
    const [reportRouteId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'POST /api/reports' } }));
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage')) as Array<{ Properties: Record<string, any>; DependsOn?: string[] }>;
    expect(stage?.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2 });
    expect(stage?.Properties.RouteSettings).toEqual({ 'POST /api/reports': { ThrottlingRateLimit: 3, ThrottlingBurstLimit: 4 } });
    expect(stage?.DependsOn).toContain(reportRouteId);
  });

  it('sets no route settings when no route has its own throttle', () => {
    // Prepare
    const routes: Route[] = [{ method: 'GET', path: '/api/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' }];

    // Act
    const template = Template.fromStack(build(routes));

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { RouteSettings: Match.absent() });
  });

  it('refuses to build a signed-in route when it was given no authorizer', () => {
    // Prepare
    const routes: Route[] = [{ method: 'PATCH', path: '/api/portal/outlets/{id}', group: 'public-api', handler: 'edit', access: 'outlet_write' }];

    // Act
    const act = () => build(routes, { withAuthorizer: false });

    // Assess
    expect(act).toThrow(/"PATCH \/api\/portal\/outlets\/\{id\}" requires "outlet_write" access, but the API was given no authorizer/);
  });

  it('refuses a route whose group has no function', () => {
    // Prepare
    const stack = new Stack();
    const routes: Route[] = [{ method: 'GET', path: '/api/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' }];

    // Act
    const act = () => new RouteTableApi(stack, 'Http', { routes, functions: {}, throttle: {} });

    // Assess
    expect(act).toThrow(/group "public-api", which has no function/);
  });
});
