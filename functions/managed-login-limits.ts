/**
 * Per-client limits on Cognito's managed login and token endpoint, where portal users sign in:
 * outside the API and its CloudFront, so not in the route table. The user pool's own web ACL
 * applies them on AWS (`infra/constructs/sign-in-firewall.ts`), the local sign-in service under
 * `npm start` (`local/identity-provider.ts`), both answering {@link managedLoginLimitPage}.
 *
 * A sign-in there is about fifteen requests, four of them form posts or token requests (the
 * address, the code, the site's code exchange, a refresh). The API's own limit on starting a sign-in
 * (30 in ten minutes, `GET /api/sign-in` in `routes.ts`) binds long before these for a real office
 * behind one address: these stop floods and guessers that skip the site.
 */
import type { ClientLimit } from './routes.js';

export const managedLoginClientLimits = {
  /** Form posts and token requests, where a code or password guesser spends its tries. */
  posts: { requests: 150, windowSeconds: 600 },
  /** Every request: pages, assets, forms, tokens. */
  requests: { requests: 1000, windowSeconds: 600 },
} as const satisfies Record<string, ClientLimit>;

/** The page a client over either limit gets, with 429 and `Retry-After` (WAF takes at most 4 KB). */
export const managedLoginLimitPage = [
  '<!doctype html>',
  '<html lang="en-GB">',
  '<meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  '<title>Too many sign-in attempts – Naloxone finder</title>',
  '<body>',
  '<main>',
  '<h1>Too many sign-in attempts</h1>',
  '<p>There have been too many sign-in attempts from your network. Wait 10 minutes, then try again.</p>',
  '<p>If someone has overdosed, call 999 now. You do not need to sign in to find naloxone.</p>',
  '</main>',
  '</body>',
  '</html>',
].join('\n');
