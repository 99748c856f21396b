/**
 * The stack's HTTP API (its routes from the route table, the JWT authorizer, the stage's limits and
 * access logs) and its outputs, asserted on its synthesised template. The rest of the stack is in
 * `finder-stack.test.ts` and the files it names.
 */
import { describe, expect, it } from 'vitest';
import { type RouteGroup, routeKey, routes } from '../../functions/routes.js';
import { groupFunctionOf, onlyResource, type Resource, useSynthesisedStack } from './support/synthesised-stack.js';

const stack = useSynthesisedStack();

const only = (type: string) => onlyResource(stack, type);
const groupFunction = (group: RouteGroup) => groupFunctionOf(stack, group);

describe('the HTTP API', () => {
  it('has exactly the routes of the route table, each to its group function', () => {
    // Prepare
    const resources = stack.template.toJSON().Resources as Record<string, Resource>;
    const apiRoutes = Object.values(stack.template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];

    // Act
    const served = apiRoutes.map((route) => {
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      const functionId = resources[integrationId]?.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
      return { key: route.Properties.RouteKey, functionId };
    });

    // Assess: and `$default`, for requests no route takes, to the public function
    expect(served.map((route) => route.key).sort()).toEqual([...routes.map(routeKey), '$default'].sort());
    for (const route of routes) {
      const [functionId] = groupFunction(route.group);
      expect(served).toContainEqual({ key: routeKey(route), functionId });
    }
    expect(served).toContainEqual({ key: '$default', functionId: groupFunction('public-api')[0] });
  });

  it('checks a Cognito access token on every route that is not public, and on no public one', () => {
    // Prepare
    const [authorizerId] = only('AWS::ApiGatewayV2::Authorizer');
    const byKey = new Map(
      (Object.values(stack.template.findResources('AWS::ApiGatewayV2::Route')) as Resource[]).map((route) => [
        route.Properties.RouteKey as string,
        { type: route.Properties.AuthorizationType, authorizer: route.Properties.AuthorizerId },
      ]),
    );

    // Act
    const expected = routes.map((route) =>
      route.access === 'public' ? { type: 'NONE', authorizer: undefined } : { type: 'JWT', authorizer: { Ref: authorizerId } },
    );

    // Assess
    expect(routes.map((route) => byKey.get(routeKey(route)))).toEqual(expected);
    expect(expected.filter((auth) => auth.type === 'JWT').length).toBeGreaterThan(0);
  });

  it('takes tokens from the pool\'s issuer for the site\'s client alone', () => {
    // Prepare
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');

    // Act
    const [, authorizer] = only('AWS::ApiGatewayV2::Authorizer');

    // Assess
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-2.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]] },
        Audience: [{ Ref: clientId }],
      },
    });
  });

  it('throttles the default stage and logs no IP addresses', () => {
    // Act
    const [, stage] = only('AWS::ApiGatewayV2::Stage');

    // Assess
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(stage.Properties.AccessLogSettings.Format).toContain('$context.requestId');
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent/i);
  });

  it('holds reports, registrations and reminder answers to 5 a second with bursts of 10, while searches keep the stage\'s 50 and 100', () => {
    // Prepare
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const [reportRouteId] = Object.keys(
      stack.template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'POST /api/reports' } }),
    );
    const slow = { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 };

    // Act
    const { DefaultRouteSettings, RouteSettings } = stage.Properties;

    // Assess
    expect(DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(RouteSettings).toEqual({
      'POST /api/reports': slow,
      'POST /api/registrations/checks': slow,
      'POST /api/registrations': slow,
      'GET /api/registrations/{id}': slow,
      'PUT /api/registrations/{id}': slow,
      'POST /api/listing-actions': slow,
    });
    expect(stage.DependsOn).toContain(reportRouteId);
  });

  it('allows no cross-origin calls', () => {
    // Act
    const [, api] = only('AWS::ApiGatewayV2::Api');

    // Assess
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });
});

describe('the outputs', () => {
  it('give the site, the table, the sign-in service and the secrets, and never the API\'s own address', () => {
    // Prepare
    const outputs = stack.template.toJSON().Outputs as Record<string, { Description: string }>;

    // Act
    const names = Object.keys(outputs);

    // Assess
    expect(names.sort()).toEqual([
      'AlarmTopicArn',
      'DashboardName',
      'LinkKeysSecretArn',
      'OriginSecretArn',
      'ReadinessFailuresQueueUrl',
      'SignInDomain',
      'SiteUrl',
      'TableName',
      'UserPoolClientId',
      'UserPoolId',
    ]);
    expect(JSON.stringify(outputs)).not.toMatch(/execute-api|ApiEndpoint/);
  });
});
