/**
 * A local sign-in service of a test's own, without a finder: a free port, an in-memory outbox the
 * test reads directly, and a browser to drive its pages. For tests of the provider itself; tests
 * of the API use the one `startFinder` starts (`test/support/tokens.ts`).
 */
import { type LocalIdentityProvider, type LocalIdentityProviderOptions, startLocalIdentityProvider } from '../../local/identity-provider.js';
import { type Outbox, openOutbox } from '../../local/outbox.js';
import { SignInBrowser, codeInEmail } from '../../local/sign-in-flow.js';

/** Where the provider sends people back: never fetched, so nothing needs to listen there. */
export const portalOrigin = 'http://127.0.0.1:9';
export const redirectUri = `${portalOrigin}/portal/callback/`;
export const postLogoutRedirectUri = `${portalOrigin}/portal/signed-out/`;

export interface TestProvider {
  provider: LocalIdentityProvider;
  outbox: Outbox;
  /** A new browser, with its own cookies and PKCE verifier. */
  browser(): SignInBrowser;
  /** The code in the newest email to `email`, if any. */
  latestCode(email: string): string | undefined;
  close(): Promise<void>;
}

export async function startTestProvider(options: Partial<LocalIdentityProviderOptions> = {}): Promise<TestProvider> {
  const outbox = options.outbox ?? (await openOutbox());
  const provider = await startLocalIdentityProvider({
    port: 0,
    redirectUris: [redirectUri],
    postLogoutRedirectUris: [postLogoutRedirectUri],
    ...options,
    outbox,
  });
  return {
    provider,
    outbox,
    browser: () => new SignInBrowser(provider, redirectUri),
    latestCode: (email) => {
      const message = outbox.list().find((sent) => sent.to === email);
      return message && codeInEmail(message.text);
    },
    close: () => provider.close(),
  };
}
