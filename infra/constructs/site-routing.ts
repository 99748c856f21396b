/**
 * The CloudFront Functions of the site's own (default) behaviour: directory paths to their
 * `index.html`, and unknown paths to the site's 404 page with a real 404 status. Never for the
 * API's behaviours, whose JSON errors must reach the client as they are.
 */
import { Annotations } from 'aws-cdk-lib';
import {
  Function as CloudFrontFunction,
  type FunctionAssociation,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
} from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { siteFilePaths } from './site-files.js';
import { siteRoutingCode } from './site-routing-code.js';

/** Where the built site is, to read its file list from. */
export interface SiteRoutingProps {
  /** The same folder the deployment copies to the bucket. */
  readonly siteAssetPath: string;
}

/** The functions for the default behaviour, generated from the site's files at synth time. */
export class SiteRouting extends Construct {
  /** For `functionAssociations` of the site's behaviour. */
  readonly functionAssociations: FunctionAssociation[];

  constructor(scope: Construct, id: string, props: SiteRoutingProps) {
    super(scope, id);

    const code = siteRoutingCode(siteFilePaths(props.siteAssetPath));

    const resolvePath = new CloudFrontFunction(this, 'ResolvePath', {
      code: FunctionCode.fromInline(code.viewerRequest),
      runtime: FunctionRuntime.JS_2_0,
      comment:
        code.kind === 'not-found-page'
          ? 'Serve index.html for directory paths and /404.html for unknown paths'
          : 'Serve index.html for directory-style paths',
    });
    this.functionAssociations = [{ function: resolvePath, eventType: FunctionEventType.VIEWER_REQUEST }];

    if (code.kind === 'directory-index-only') {
      Annotations.of(this).addWarningV2('naloxone:site-routing-fallback', code.reason);
      return;
    }

    const notFoundStatus = new CloudFrontFunction(this, 'NotFoundStatus', {
      code: FunctionCode.fromInline(code.viewerResponse),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Answer 404, not 200, when serving /404.html',
    });
    this.functionAssociations.push({ function: notFoundStatus, eventType: FunctionEventType.VIEWER_RESPONSE });
  }
}
