/**
 * The whole finder in one stack: the table, one function per route group, the HTTP API built from
 * the route table, and the site in front of it all.
 */
import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { apiPrefix } from '../functions/contract/web-policy.js';
import { type RouteGroup, routeGroups, routes } from '../functions/routes.js';
import { ApiFunction, type LogLevel } from './constructs/api-function.js';
import { defaultTileUrl } from './constructs/content-security-policy.js';
import { FinderTable } from './constructs/finder-table.js';
import { RouteTableApi } from './constructs/route-table-api.js';
import { StaticSite } from './constructs/static-site.js';
import { lambdaEntryDir as defaultLambdaEntryDir } from './project-paths.js';
import { allRouteGroups, constructIdOf, tableAccessOf } from './route-plan.js';

/** The stack's configuration; only the built site's location has no default. */
export interface FinderStackProps extends StackProps {
  /** The built site (`site/dist`), with `index.html` at its root. */
  readonly siteAssetPath: string;
  /** Leaflet tile URL template the site was built with. @default OpenStreetMap's standard tiles */
  readonly tileUrl?: string;
  /** Folder of the groups' entry files, `<group>.ts` each. @default `functions/lambdas` */
  readonly lambdaEntryDir?: string;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** X-Ray active tracing on every function. @default false */
  readonly tracing?: boolean;
  /**
   * Per-stage limits across all callers; they cap what a flood of requests can cost.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly apiThrottle?: ThrottleSettings;
}

/** The naloxone finder: site, API, functions and table. */
export class FinderStack extends Stack {
  constructor(scope: Construct, id: string, props: FinderStackProps) {
    super(scope, id, props);

    const { table } = new FinderTable(this, 'Data');

    const functions: Partial<Record<RouteGroup, IFunction>> = {};
    for (const group of allRouteGroups()) {
      const apiFunction = new ApiFunction(this, `${constructIdOf(group)}Function`, {
        entry: join(props.lambdaEntryDir ?? defaultLambdaEntryDir, `${group}.ts`),
        description: routeGroups[group].description,
        logLevel: props.logLevel,
        tracing: props.tracing,
      });
      apiFunction.bindTable(table, tableAccessOf(group));
      functions[group] = apiFunction.function;
    }

    const { api } = new RouteTableApi(this, 'Http', {
      routes,
      functions,
      throttle: props.apiThrottle ?? { rateLimit: 50, burstLimit: 100 },
    });

    const site = new StaticSite(this, 'Site', {
      siteAssetPath: props.siteAssetPath,
      tileUrl: props.tileUrl ?? defaultTileUrl,
      api: {
        domainName: `${api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
        pathPrefixes: [apiPrefix],
      },
    });

    new CfnOutput(this, 'SiteUrl', { value: site.url, description: 'The public site; the API is served on the same origin' });
    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'The HTTP API, direct (for smoke tests)' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'The DynamoDB table' });
  }
}
