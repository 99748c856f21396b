/**
 * DynamoDB's passing failures – throttling, time-outs, its own internal errors, a dropped
 * connection – become one coded error, `service_unavailable` (503 with `Retry-After`), instead of
 * a 500. The SDK has already retried them by then; what is left is "busy, try again shortly", and
 * the request's write, a single conditional item write, was not made.
 */
import { DomainError, serviceUnavailable } from '../shared/errors.js';
import { logger } from '../shared/logger.js';

/** Error names (from DynamoDB, the SDK or Node's sockets) that say "not now", not "never". */
const transientNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'Throttling',
  'TooManyRequestsException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const transientSocketCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

/** True for an error DynamoDB or the network may not give again if the request is sent later. */
export function isTransientDynamoDbError(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof DomainError) return false;
  const { code, $metadata } = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    transientNames.has(error.name) ||
    (code !== undefined && transientSocketCodes.has(code)) ||
    ($metadata?.httpStatusCode !== undefined && $metadata.httpStatusCode >= 500)
  );
}

/**
 * The error to throw for a failed command: `service_unavailable` for a transient one (logged with
 * the command and the error's name only: keys and messages can hold a postcode), else the error.
 */
export function unavailableIfTransient(error: unknown, commandName: string | undefined): unknown {
  if (!isTransientDynamoDbError(error)) return error;
  logger.warn('DynamoDB is unavailable for now', { command: commandName, errorName: (error as Error).name });
  return serviceUnavailable(error);
}
