/**
 * A log group, kept a month, for the function CDK adds to empty buckets with `autoDeleteObjects`
 * (`Custom::S3AutoDeleteObjects`). CDK gives that function no log group, so Lambda would make one
 * itself on its first run, kept forever: every function of the stack should have an explicit one.
 *
 * The group is named as Lambda names it, `/aws/lambda/<function name>`, and every auto-delete
 * resource waits for it, so the function's first run (on create) already logs into it.
 */
import { CfnResource, Fn, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The provider's construct id at the stack's root, as `aws-s3` makes it. */
const providerId = 'Custom::S3AutoDeleteObjectsCustomResourceProvider';

/** Gives the stack's auto-delete function a log group kept for `retention`; does nothing when there is none. */
export function keepAutoDeleteLogs(stack: Stack, retention: RetentionDays = RetentionDays.ONE_MONTH): LogGroup | undefined {
  const handler = stack.node.tryFindChild(providerId)?.node.tryFindChild('Handler');
  if (!(handler instanceof CfnResource)) return undefined;
  const logGroup = new LogGroup(stack, 'AutoDeleteObjectsLogs', {
    logGroupName: Fn.join('', ['/aws/lambda/', handler.ref]),
    retention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  for (const child of stack.node.findAll()) {
    if (child instanceof CfnResource && child.cfnResourceType === 'Custom::S3AutoDeleteObjects') child.node.addDependency(logGroup);
  }
  return logGroup;
}
