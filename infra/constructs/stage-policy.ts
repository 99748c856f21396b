/**
 * What a deployment stage means for resources that hold data. `prod` keeps them when the stack is
 * deleted and refuses to delete them by accident; `dev` can be deleted whole, data and all, so a
 * trial stack leaves nothing behind to pay for.
 */
import { RemovalPolicy } from 'aws-cdk-lib';

/** The stages a stack is deployed as (`-c stage=dev|prod`). */
export const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

/**
 * How one stage treats its stateful resources: the table, the user pool and the backup vault. The
 * stack's buckets hold only what is rebuilt (the site from git, the open data files from the table
 * every 15 minutes), so they go with the stack, emptied, in both stages.
 */
export interface StatefulPolicy {
  /** RETAIN in prod: the listings and portal accounts are kept by hand and cannot be rebuilt. */
  readonly removalPolicy: RemovalPolicy;
  /** DynamoDB's and Cognito's deletion protection, and the stack's termination protection. */
  readonly deletionProtection: boolean;
}

/** The stateful policy of `stage`. */
export function statefulPolicyOf(stage: Stage): StatefulPolicy {
  return stage === 'prod'
    ? { removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true }
    : { removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false };
}

/** Constructs that hold data default to this: a construct used on its own errs on the side of keeping. */
export const keepPolicy: StatefulPolicy = statefulPolicyOf('prod');
