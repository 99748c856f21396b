/**
 * Faults in the data layer, for tests only: makes chosen commands fail as DynamoDB fails under load
 * (throttling, time-outs, its own internal errors) through the document client's test hook
 * (`beforeSendForTests`, `functions/data/dynamodb-documents.ts`). It sits inside the data layer's
 * own handling of such errors and in place of the retries, so each fault is what a command would
 * still throw after retrying on AWS, at once.
 */
import { AwsServiceError, TimeoutError } from '../../functions/shared/aws-request.js';

export const faultKinds = ['throughput exceeded', 'throttling', 'timeout', 'internal error'] as const;
export type FaultKind = (typeof faultKinds)[number];

/** A new error of the kind, as the client throws it (DynamoDB's error names and statuses). */
export function faultError(kind: FaultKind): Error {
  switch (kind) {
    case 'throughput exceeded':
      return new AwsServiceError('ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded', 400);
    case 'throttling':
      return new AwsServiceError('ThrottlingException', 'Rate of requests exceeds the allowed throughput', 400);
    case 'internal error':
      return new AwsServiceError('InternalServerError', 'Internal server error', 500);
    case 'timeout':
      // What the client throws when a request outlives its response time-out.
      return new TimeoutError('No complete answer from dynamodb within 2000 ms');
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
 * Sets the fault hook on the data layer's client. Import the client only after the finder
 * (or the test) has set the environment it reads at load, as `startFinder` does.
 */
export async function injectDynamoDbFaults(): Promise<DynamoDbFaults> {
  const { documents } = await import('../../functions/data/client.js');
  let current: FaultPlan | null = null;
  let matched = 0;
  let thrown = 0;
  const sent: string[] = [];
  const beforeSend = (name: string) => {
    sent.push(name);
    if (current && (current.commands?.test(name) ?? true)) {
      matched += 1;
      const first = (current.after ?? 0) + 1;
      if (matched >= first && matched < first + (current.times ?? Infinity)) {
        thrown += 1;
        throw faultError(current.kind);
      }
    }
  };
  // Injecting again replaces the last hook.
  documents.beforeSendForTests = beforeSend;
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
