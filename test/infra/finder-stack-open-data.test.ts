/**
 * The stack's open data API: the HSDS routes and their CORS preflights, and the rewrite of HSDS's
 * root path.
 */
import { describe, expect, it } from 'vitest';
import { apiPathAliases } from '../../functions/contract/open-data.js';
import { routeGroups, routeKey, routes } from '../../functions/routes.js';
import { type Resource, useSynthesisedStack } from './support/synthesised-stack.js';

const stack = useSynthesisedStack();

const resources = () => stack.template.toJSON().Resources as Record<string, Resource>;

function distributionConfig(): Record<string, any> {
  const [distribution] = Object.values(stack.template.findResources('AWS::CloudFront::Distribution')) as Resource[];
  return distribution?.Properties.DistributionConfig;
}

describe('the HSDS API', () => {
  it('serves every open data route, and its CORS preflight, without an authorizer from the open data function', () => {
    // Prepare
    const openDataRoutes = routes.filter((route) => route.group === 'open-data');
    const apiRoutes = new Map(
      (Object.values(stack.template.findResources('AWS::ApiGatewayV2::Route')) as Resource[]).map((route) => [route.Properties.RouteKey as string, route]),
    );

    // Act
    const served = openDataRoutes.map((route) => apiRoutes.get(routeKey(route))?.Properties.AuthorizationType);

    // Assess
    expect(openDataRoutes.map(routeKey)).toEqual([
      'GET /api/hsds',
      'OPTIONS /api/hsds',
      'GET /api/hsds/services',
      'OPTIONS /api/hsds/services',
      'GET /api/hsds/services/{id}',
      'OPTIONS /api/hsds/services/{id}',
      'GET /api/hsds/service_at_locations',
      'OPTIONS /api/hsds/service_at_locations',
    ]);
    expect(served).toEqual(openDataRoutes.map(() => 'NONE'));
    stack.template.hasResourceProperties('AWS::Lambda::Function', { Description: routeGroups['open-data'].description });
  });

  it('gets HSDS\'s root path with its trailing slash to the API\'s route through a viewer-request rewrite', () => {
    // Prepare
    const behavior = distributionConfig().CacheBehaviors.find((candidate: Record<string, any>) => candidate.PathPattern === '/api/hsds/');
    const [association] = behavior.FunctionAssociations;
    const code = resources()[association.FunctionARN['Fn::GetAtt'][0]]?.Properties.FunctionCode as string;
    const viewerRequest = new Function(`${code}; return handler;`)();

    // Act
    const uris = ['/api/hsds/', '/api/hsds', '/api/hsds/services'].map((uri) => viewerRequest({ request: { uri } }).uri);

    // Assess
    expect(apiPathAliases).toEqual({ '/api/hsds/': '/api/hsds' });
    expect(association.EventType).toBe('viewer-request');
    expect(uris).toEqual(['/api/hsds', '/api/hsds', '/api/hsds/services']);
  });
});
