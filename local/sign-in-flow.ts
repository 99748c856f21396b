/**
 * Signs a person in to the local finder the way the portal does, over HTTP, with no shortcuts:
 * read the settings from `GET /api/sign-in`, send an authorization request with PKCE, fill in the
 * sign-in pages (email, then the code read from the local outbox), take the code from the redirect
 * and exchange it at the token endpoint. The protocol side is `oauth4webapi`, the library the site
 * uses. For `npm run token`, and for tests that need a real token or a step of the flow.
 */
import * as oauth from 'oauth4webapi';
import { signInSettingsSchema } from '../functions/contract/me.js';
import { outboxMessageSchema } from './outbox.js';

/** A step of the sign-in went wrong; the message says which and what to check. */
export class SignInFlowError extends Error {
  override name = 'SignInFlowError';
}

/** The public settings of a sign-in service, as `GET /api/sign-in` gives them. */
export interface SignInService {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

/** A page the sign-in service answered with, after following its own redirects. */
export interface SignInPage {
  /** Where the browser ended up: a page of the service, or the portal's redirect URI. */
  url: string;
  /** 0 when the service sent the browser away (to the portal). */
  status: number;
  /** The page's response headers; none when the service sent the browser away. */
  headers: Headers;
  html: string;
}

/** What the token endpoint answered. */
export type SignedIn = oauth.TokenEndpointResponse;

/** Cookies of the sign-in service, as a browser keeps them for its host. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', text = ''] = attribute.trim().split('=');
        return (key.toLowerCase() === 'expires' && Date.parse(text) <= Date.now()) || (key.toLowerCase() === 'max-age' && Number(text) <= 0);
      });
      if (!value || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const decodeHtml = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The action of the page's form whose markup contains `marker` (a field's `name="…"`, part of its action). */
export function formAction(page: SignInPage, marker: string): string | undefined {
  for (const form of page.html.matchAll(/<form\b[^>]*\baction="([^"]*)"[^>]*>[\s\S]*?<\/form>/g)) {
    if (form[0].includes(marker)) return decodeHtml(form[1] ?? '');
  }
  return undefined;
}

/** The error message a page shows at its field, if any. */
export const pageError = (page: SignInPage): string | undefined =>
  /class="error-message"><span[^>]*>Error:<\/span>\s*([^<]*)</.exec(page.html)?.[1]?.trim();

/**
 * One person's browser on the sign-in service: keeps its cookies, follows its redirects, and holds
 * the PKCE verifier and state of one authorization request.
 */
export class SignInBrowser {
  readonly #jar = new CookieJar();
  readonly #verifier = oauth.generateRandomCodeVerifier();
  readonly #state = oauth.generateRandomState();
  readonly #as: oauth.AuthorizationServer;
  readonly #client: oauth.Client;

  constructor(
    readonly service: SignInService,
    readonly redirectUri: string,
  ) {
    this.#as = { issuer: service.issuer, authorization_endpoint: service.authorizationEndpoint, token_endpoint: service.tokenEndpoint };
    this.#client = { client_id: service.clientId };
  }

  /**
   * Opens the authorization request. `parameters` add to or replace the usual ones; a parameter
   * set to null is left out (to check that the service refuses a request without it).
   */
  async authorize(parameters: Record<string, string | null> = {}): Promise<SignInPage> {
    const url = new URL(this.service.authorizationEndpoint);
    const all: Record<string, string | null> = {
      client_id: this.service.clientId,
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: 'openid email',
      code_challenge: await oauth.calculatePKCECodeChallenge(this.#verifier),
      code_challenge_method: 'S256',
      state: this.#state,
      ...parameters,
    };
    for (const [name, value] of Object.entries(all)) if (value !== null) url.searchParams.set(name, value);
    return this.open(url.href);
  }

  /** Submits the page's form that contains `marker` with these fields. */
  async submit(page: SignInPage, marker: string, fields: Record<string, string> = {}): Promise<SignInPage> {
    const action = formAction(page, marker);
    if (!action) throw new SignInFlowError(`The page at ${page.url} has no form with ${marker} (${page.status}): ${pageError(page) ?? 'no error shown'}`);
    return this.open(action, fields);
  }

  /** A request to the sign-in service (a form post if `form` is given), following its redirects while they stay on it. */
  async open(url: string, form?: Record<string, string>): Promise<SignInPage> {
    const origin = new URL(this.service.authorizationEndpoint).origin;
    let current = new URL(url, origin);
    let body = form ? new URLSearchParams(form) : undefined;
    for (let hops = 0; hops < 10; hops += 1) {
      if (current.origin !== origin) return { url: current.href, status: 0, headers: new Headers(), html: '' };
      const response = await fetch(current, {
        method: body ? 'POST' : 'GET',
        headers: { cookie: this.#jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
        redirect: 'manual',
      });
      this.#jar.take(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current);
        body = undefined;
        continue;
      }
      return { url: current.href, status: response.status, headers: response.headers, html: await response.text() };
    }
    throw new SignInFlowError('The sign-in service redirected too many times');
  }

  /** Checks the redirect back to the portal (state, issuer, error) and exchanges its code for tokens. */
  async exchange(callback: SignInPage): Promise<SignedIn> {
    if (!callback.url.startsWith(this.redirectUri)) {
      throw new SignInFlowError(`The sign-in did not come back to the portal (${callback.status}): ${pageError(callback) ?? callback.url}`);
    }
    const parameters = oauth.validateAuthResponse(this.#as, this.#client, new URL(callback.url), this.#state);
    const response = await oauth.authorizationCodeGrantRequest(this.#as, this.#client, oauth.None(), parameters, this.redirectUri, this.#verifier, {
      [oauth.allowInsecureRequests]: true,
    });
    return oauth.processAuthorizationCodeResponse(this.#as, this.#client, response);
  }
}

/** The 6-digit code in a sign-in email. */
export const codeInEmail = (text: string): string | undefined => /\b(\d{6})\b/.exec(text)?.[1];

async function readOutbox(finderUrl: string) {
  const response = await fetch(`${finderUrl}/_local/outbox.json`);
  if (!response.ok) throw new SignInFlowError(`The finder's outbox answered ${response.status}: is ${finderUrl} the local finder?`);
  return outboxMessageSchema.array().parse(await response.json());
}

/** The sign-in service a running finder uses, from its `GET /api/sign-in`. */
export async function signInServiceOf(finderUrl: string): Promise<SignInService & { scopes: string[] }> {
  let response: Response;
  try {
    response = await fetch(`${finderUrl}/api/sign-in`);
  } catch (error) {
    throw new SignInFlowError(`The finder is not running at ${finderUrl}: start it with npm start`, { cause: error });
  }
  if (!response.ok) throw new SignInFlowError(`${finderUrl}/api/sign-in answered ${response.status}: is ${finderUrl} the local finder?`);
  return signInSettingsSchema.parse(await response.json());
}

export interface SignInThroughPagesOptions {
  /** The running finder, e.g. `http://127.0.0.1:3000`. */
  finderUrl: string;
  email: string;
  /** Send the address as `login_hint`, which skips the email page. @default false */
  loginHint?: boolean;
}

/** Signs in through the real pages of a running finder's sign-in service; the token endpoint's answer. */
export async function signInThroughPages({ finderUrl, email, loginHint = false }: SignInThroughPagesOptions): Promise<SignedIn> {
  const service = await signInServiceOf(finderUrl);
  const browser = new SignInBrowser(service, `${finderUrl}/portal/callback/`);
  // Messages already there are not this sign-in's, even to the same address.
  const before = new Set((await readOutbox(finderUrl)).map((message) => message.id));
  let page = await browser.authorize({ scope: service.scopes.join(' '), ...(loginHint ? { login_hint: email } : {}) });
  if (!loginHint) page = await browser.submit(page, 'name="email"', { email });
  const message = (await readOutbox(finderUrl)).find((sent) => !before.has(sent.id) && sent.to.toLowerCase() === email.toLowerCase());
  const code = message && codeInEmail(message.text);
  if (!code) throw new SignInFlowError(`No sign-in code for ${email} arrived in the outbox: does the address have an account?`);
  return browser.exchange(await browser.submit(page, 'name="code"', { code }));
}
