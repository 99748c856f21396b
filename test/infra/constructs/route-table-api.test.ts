/**
 * The API construct on its own, with inline functions: no bundling, so each test builds its own.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Route } from '../../../functions/routes.js';
import { RouteTableApi } from '../../../infra/constructs/route-table-api.js';

function build(routes: Route[]): Stack {
  const stack = new Stack();
  const fn = new LambdaFunction(stack, 'Fn', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => ({ statusCode: 204 });'),
  });
  new RouteTableApi(stack, 'Http', { routes, functions: { 'public-api': fn }, throttle: { rateLimit: 1, burstLimit: 2 } });
  return stack;
}

describe('RouteTableApi', () => {
  it('serves public routes without an authorizer', () => {
    // Prepare
    const routes: Route[] = [{ method: 'POST', path: '/reports', group: 'public-api', handler: 'report', access: 'public' }];

    // Act
    const template = Template.fromStack(build(routes));

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /reports', AuthorizationType: 'NONE' });
  });

  it('gives a route with its own throttle that limit, after the route exists, and leaves the rest to the stage', () => {
    // Prepare
    const routes: Route[] = [
      { method: 'GET', path: '/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' },
      { method: 'POST', path: '/reports', group: 'public-api', handler: 'report', access: 'public', throttle: { rateLimit: 3, burstLimit: 4 } },
    ];

    // Act
    const template = Template.fromStack(build(routes));

    // Assess
    const [reportRouteId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'POST /reports' } }));
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage')) as Array<{ Properties: Record<string, any>; DependsOn?: string[] }>;
    expect(stage?.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2 });
    expect(stage?.Properties.RouteSettings).toEqual({ 'POST /reports': { ThrottlingRateLimit: 3, ThrottlingBurstLimit: 4 } });
    expect(stage?.DependsOn).toContain(reportRouteId);
  });

  it('sets no route settings when no route has its own throttle', () => {
    // Prepare
    const routes: Route[] = [{ method: 'GET', path: '/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' }];

    // Act
    const template = Template.fromStack(build(routes));

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { RouteSettings: Match.absent() });
  });

  it('refuses to build a signed-in route while there is no JWT authorizer', () => {
    // Prepare
    const routes: Route[] = [{ method: 'PATCH', path: '/portal/outlets/{id}', group: 'public-api', handler: 'updateOutlet', access: 'outlet' }];

    // Act
    const act = () => build(routes);

    // Assess
    expect(act).toThrow(/"PATCH \/portal\/outlets\/\{id\}" requires "outlet" access, but the stack has no JWT authorizer/);
  });

  it('refuses a route whose group has no function', () => {
    // Prepare
    const stack = new Stack();
    const routes: Route[] = [{ method: 'GET', path: '/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' }];

    // Act
    const act = () => new RouteTableApi(stack, 'Http', { routes, functions: {}, throttle: {} });

    // Assess
    expect(act).toThrow(/group "public-api", which has no function/);
  });
});
