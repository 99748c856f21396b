/**
 * Names for the resources CloudFront keeps once per account rather than per region or per stack
 * (response headers policies, origin access controls), so that the same stack deployed to a second
 * region, or a second copy under another stack name, never asks for a name already taken.
 */
import { createHash } from 'node:crypto';
import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** How long CloudFront lets each kind of name be, as CDK's own generated names assume. */
export const cloudFrontNameLimits = {
  responseHeadersPolicy: 128,
  originAccessControl: 64,
  cachePolicy: 128,
} as const;

/**
 * `<stack name>-<region>-<path in the stack>-<id>`, e.g. `NaloxoneFinder-eu-west-2-Site-SecurityHeaders`:
 * readable in the console, and unique per stack and region. Letters, digits and hyphens only. A name
 * longer than `maxLength` is cut and ends in a hash of the whole, so two long names stay apart.
 */
export function accountUniqueName(scope: IConstruct, id: string, maxLength: number): string {
  const stack = Stack.of(scope);
  if (Token.isUnresolved(stack.region)) {
    throw new Error(
      `${scope.node.path}/${id} needs a name unique to its region, but the stack has no region: give it an env`,
    );
  }
  const scopes = scope.node.scopes;
  const pathInStack = scopes.slice(scopes.indexOf(stack) + 1).map((construct) => construct.node.id);
  const name = [stack.stackName, stack.region, ...pathInStack, id].join('-').replace(/[^A-Za-z0-9-]/g, '');
  if (name.length <= maxLength) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, maxLength - hash.length - 1)}-${hash}`;
}
