/**
 * Faults in the data layer, for tests only: middleware on the one DynamoDB client
 * (`functions/data/client.ts`) that makes chosen commands fail as DynamoDB fails under load:
 * throttling, time-outs, its own internal errors. It sits inside the data layer's own handling of
 * such errors and before the SDK's retries, so each fault is what a command would still throw after
 * retrying on AWS, at once.
 */
import { InternalServerError, ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';

export const faultKinds = ['throughput exceeded', 'throttling', 'timeout', 'internal error'] as const;
export type FaultKind = (typeof faultKinds)[number];

/** A new error of the kind, as the SDK throws it. */
export function faultError(kind: FaultKind): Error {
  const $metadata = { httpStatusCode: kind === 'internal error' ? 500 : 400 };
  switch (kind) {
    case 'throughput exceeded':
      return new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded', $metadata });
    case 'throttling':
      return new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput', $metadata });
    case 'internal error':
      return new InternalServerError({ message: 'Internal server error', $metadata });
    case 'timeout':
      // What the SDK's HTTP handler throws when a request outlives its `requestTimeout`.
      return Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
  }
}

export interface FaultPlan {
  kind: FaultKind;
  /** Which commands fail, by the SDK's command name (`GetItemCommand`…); every command if omitted. */
  commands?: RegExp;
  /** How many matching commands pass before the first fault. @default 0 */
  after?: number;
  /** How many fail. @default every one */
  times?: number;
}

export interface DynamoDbFaults {
  /** From now on, fail commands as planned (replacing any plan). */
  plan(plan: FaultPlan): void;
  /** No more faults. */
  clear(): void;
  /** The command names sent since the last `plan` or `clear`, faulted or not. */
  readonly sent: string[];
  /** How many faults were thrown since the last `plan`. */
  readonly thrown: number;
}

/**
 * Adds the fault middleware to the data layer's client. Import the client only after the finder
 * (or the test) has set the environment it reads at load, as `startFinder` does.
 */
export async function injectDynamoDbFaults(): Promise<DynamoDbFaults> {
  const { dynamodb } = await import('../../functions/data/client.js');
  let current: FaultPlan | null = null;
  let matched = 0;
  let thrown = 0;
  const sent: string[] = [];
  // One fault middleware per client: injecting again replaces the last one.
  dynamodb.middlewareStack.remove('testFaults');
  dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '';
      sent.push(name);
      if (current && (current.commands?.test(name) ?? true)) {
        matched += 1;
        const first = (current.after ?? 0) + 1;
        if (matched >= first && matched < first + (current.times ?? Infinity)) {
          thrown += 1;
          throw faultError(current.kind);
        }
      }
      return next(args);
    },
    // After the data layer's translation (initialize, high), before the SDK's retries (finalizeRequest).
    { step: 'initialize', priority: 'low', name: 'testFaults' },
  );
  return {
    plan(plan) {
      current = plan;
      matched = 0;
      thrown = 0;
      sent.length = 0;
    },
    clear() {
      current = null;
      sent.length = 0;
    },
    sent,
    get thrown() {
      return thrown;
    },
  };
}
