/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (an esbuild alias
 * set by `infra/constructs/api-function.ts`); the local runtime and the tests run the real chain.
 *
 * Why: every SDK client imports the default credential chain, which brings SSO, STS, INI files,
 * external processes, web identity and the instance metadata service with it: about 100 KB of
 * every bundle. On Lambda none of them is ever reached: the runtime hands the function's role
 * credentials to the process as `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
 * `AWS_SESSION_TOKEN`, which is the chain's first link, `fromEnv`. Nothing else is kept, so a
 * missing variable fails loudly rather than falling through to a source Lambda does not have.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The SDK's `defaultProvider`, reduced to the link Lambda uses. */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
