/**
 * The Lambda context the local server (and tests) hand each function call, shaped as AWS's, so
 * the handlers and their logging run unchanged.
 */
import type { Context } from 'aws-lambda';

/** The function's time limit on AWS (`ApiFunction`'s default timeout). */
const timeoutMs = 10_000;

/** A context for one call of `group`'s function, with its own request id. */
export function localLambdaContext(group: string, requestId: string = crypto.randomUUID()): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${group}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:000000000000:function:local-${group}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/local-${group}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
