/**
 * The HTTP API, built from the route table: every route goes to its group's function, so the API
 * cannot serve a route the table does not list, nor miss one it does. A request no route takes
 * can go to one group's function through the `$default` route, to be answered in the API's own
 * error shape rather than API Gateway's.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { type Route, type RouteGroup, routeKey } from '../../functions/routes.js';

/** What the API is built from. */
export interface RouteTableApiProps {
  /** The route table to serve. */
  readonly routes: readonly Route[];
  /** The function of each group that has routes. */
  readonly functions: Partial<Record<RouteGroup, IFunction>>;
  /** Applies to every route of the default stage that sets no `throttle` of its own. */
  readonly throttle: ThrottleSettings;
  /**
   * Checks the token on every route that is not `public` (the Cognito JWT authorizer). Without it,
   * a route table with such a route is refused rather than published to everyone.
   * @default none
   */
  readonly signedInAuthorizer?: IHttpRouteAuthorizer;
  /** @default RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: RetentionDays;
  /**
   * The group whose function answers requests no route takes (`$default`, public): its request
   * pipeline says 404, 405 with `Allow`, or 400, in the error shape. Without it API Gateway
   * answers them itself with `{"message":"Not Found"}`.
   * @default none
   */
  readonly unmatchedGroup?: RouteGroup;
}

/**
 * One access log line per request, with no IP address, user agent or query string: those could
 * identify a person or the place they searched from.
 */
export const accessLogFields = {
  requestId: AccessLogField.contextRequestId(),
  requestTime: AccessLogField.contextRequestTime(),
  routeKey: AccessLogField.contextRouteKey(),
  status: AccessLogField.contextStatus(),
  responseLatency: AccessLogField.contextResponseLatency(),
  responseLength: AccessLogField.contextResponseLength(),
  integrationError: '$context.integrationErrorMessage',
} as const;

/**
 * An HTTP API whose routes are exactly the route table's, on a throttled `$default` stage, with a
 * route's own `throttle` in place of the stage's where it has one.
 */
export class RouteTableApi extends Construct {
  /** The HTTP API; `apiId` and `apiEndpoint` locate it. */
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: RouteTableApiProps) {
    super(scope, id);

    // The default stage is added by hand because only an explicit stage takes throttling and
    // access-log settings. No CORS: the site and the API share one origin behind CloudFront.
    this.api = new HttpApi(this, 'Api', {
      description: 'Naloxone finder API, built from functions/routes.ts',
      createDefaultStage: false,
    });

    // Access logs are for operations, not records: they go with the stack.
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });

    // HttpStage takes only the stage-wide throttle, so per-route limits go on its CloudFormation
    // resource: `RouteSettings`, keyed by route key. The L1 property is untyped JSON, passed to
    // CloudFormation as it is, so it is written in CloudFormation's own case.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const integrations = new Map<RouteGroup, HttpLambdaIntegration>();
    const integrationOf = (group: RouteGroup, what: string): HttpLambdaIntegration => {
      const handler = props.functions[group];
      if (!handler) throw new Error(`${what} belongs to group "${group}", which has no function`);
      let integration = integrations.get(group);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${group}-integration`, handler);
        integrations.set(group, integration);
      }
      return integration;
    };
    for (const route of props.routes) {
      const integration = integrationOf(route.group, `Route "${routeKey(route)}"`);
      const apiRoutes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: authorizerFor(route, props.signedInAuthorizer),
      });
      if (route.access === 'public') for (const apiRoute of apiRoutes) acknowledgePublicRoute(apiRoute);
      if (route.throttle) {
        routeSettings[routeKey(route)] = {
          ThrottlingRateLimit: route.throttle.rateLimit,
          ThrottlingBurstLimit: route.throttle.burstLimit,
        };
        // API Gateway refuses a stage whose route settings name a route that does not exist yet
        // ("Unable to find Route by key … within the provided RouteSettings").
        for (const apiRoute of apiRoutes) stage.node.addDependency(apiRoute);
      }
    }
    if (props.unmatchedGroup) {
      const unmatched = new HttpRoute(this, 'Unmatched', {
        httpApi: this.api,
        routeKey: HttpRouteKey.DEFAULT,
        integration: integrationOf(props.unmatchedGroup, 'The $default route'),
      });
      acknowledgePublicRoute(unmatched);
    }
    if (Object.keys(routeSettings).length > 0) (stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
  }
}

/**
 * cdk-nag's "the API does not implement authorization" on a route that is public by design: the
 * finder is for anyone, without an account. Only routes the route table marks `public` (and the
 * `$default` route, which answers errors) get this; every other route has the JWT authorizer.
 */
function acknowledgePublicRoute(route: IConstruct): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'A public route of the route table (access "public"): searching, reporting and registering need no account. ' +
      "Abuse is bounded by the stage's and the route's throttling and by zod validation; signed-in routes use the Cognito JWT authorizer.",
  });
}

/**
 * The authorizer a route needs: none for a public route, `signedInAuthorizer` for every other.
 * API Gateway only checks that the token is genuine, current and for the site's client; which
 * outlets and areas the caller may touch is decided by the group's function from the route's access
 * level (`functions/shared/request-pipeline.ts`), where memberships can be read.
 */
export function authorizerFor(route: Route, signedInAuthorizer: IHttpRouteAuthorizer | undefined): IHttpRouteAuthorizer {
  if (route.access === 'public') return new HttpNoneAuthorizer();
  if (signedInAuthorizer) return signedInAuthorizer;
  throw new Error(
    `Route "${routeKey(route)}" requires "${route.access}" access, but the API was given no authorizer for signed-in routes; ` +
      'refusing to expose a signed-in route without authentication.',
  );
}
