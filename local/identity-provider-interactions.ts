/**
 * The sign-in pages of the local provider, as Cognito's managed login runs passwordless email
 * sign-in: the email address, then a one-time code from the email; a right code signs the person
 * in, and this first-party portal needs no consent screen.
 *
 *   GET  /interaction/{uid}          the code page if a code was sent, else the email page; a
 *                                    well-formed `login_hint` sends the code at once
 *   GET  /interaction/{uid}/email    the email page again, to use another address
 *   POST /interaction/{uid}/email    sends a code (if the address has an account), then the code page
 *   POST /interaction/{uid}/code     checks the code
 *   POST /interaction/{uid}/resend   a new code to the same address
 *
 * Whether an address has an account is never shown: every address gets the same pages and the same
 * answers. The interaction cookie (SameSite=Lax, bound to the uid) is checked on every request, so
 * another site cannot post these forms.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { type FieldError, type PageContext, codePage, emailPage, problemPage } from './identity-provider-pages.js';
import type { OneTimeCodes } from './one-time-codes.js';
import type { LocalAccounts } from './local-accounts.js';
import type { Outbox } from './outbox.js';

export interface InteractionSettings {
  provider: Provider;
  /** Who has an account: the demo users and the accounts the finder made. */
  accounts: LocalAccounts;
  codes: OneTimeCodes;
  outbox: Outbox;
  page: PageContext;
  /** Completes a consent prompt: the first-party grant (`identity-provider.ts`). */
  grantFor(accountId: string, clientId: string): Promise<string>;
  /** Sends an HTML page with the sign-in pages' security headers. */
  sendPage(response: ServerResponse, status: number, html: string): void;
  log: (line: string) => void;
}

/** The GOV.UK pattern's check: something, an @, something with a dot. Cognito is no stricter. */
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const maxFormBytes = 4096;

async function readForm(request: IncomingMessage): Promise<URLSearchParams | null> {
  let text = '';
  for await (const chunk of request) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > maxFormBytes) return null;
  }
  return new URLSearchParams(text);
}

function redirect(response: ServerResponse, location: string) {
  response.writeHead(303, { location, 'cache-control': 'no-store' });
  response.end();
}

function emailError(email: string): FieldError | undefined {
  if (!email) return { field: 'email', message: 'Enter your email address' };
  if (!emailPattern.test(email)) return { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' };
  return undefined;
}

const codeMessages = {
  empty: 'Enter the code from the email',
  format: 'The code must be 6 numbers',
  wrong: 'The code is not right. Check the email and try again',
  expired: 'The code has expired. Send a new code',
  too_many_tries: 'You have entered a wrong code too many times. Send a new code',
  no_code: 'The code has expired. Send a new code',
} as const;

/** Handles a request under `/interaction/`; `url` is the request's URL. */
export async function handleInteraction(settings: InteractionSettings, request: IncomingMessage, response: ServerResponse, url: URL) {
  const { provider, codes, page } = settings;
  const match = /^\/interaction\/([\w-]+)(?:\/(email|code|resend))?$/.exec(url.pathname);
  const method = request.method ?? 'GET';
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    if (!match) throw new Error('not an interaction path');
    details = await provider.interactionDetails(request, response);
    if (details.uid !== match[1]) throw new Error('interaction mismatch');
  } catch {
    settings.sendPage(
      response,
      400,
      problemPage(page, {
        title: 'This sign-in has expired',
        paragraphs: ['Sign-in links work once, for up to an hour. Go back to the portal and sign in again.'],
      }),
    );
    return;
  }

  const uid = details.uid;
  const base = `/interaction/${uid}`;
  const step = match[2];
  const clientId = String(details.params.client_id);

  if (details.prompt.name === 'consent') {
    // Only asked for if the portal insists (prompt=consent): signing in to it is consent enough.
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error('A consent prompt without a signed-in account');
    await provider.interactionFinished(request, response, { consent: { grantId: await settings.grantFor(accountId, clientId) } }, { mergeWithLastSubmission: true });
    return;
  }

  const sendCode = async (email: string) => {
    const code = codes.issue(uid, email, settings.accounts.findByEmail(email) !== undefined);
    if (code) {
      await settings.outbox.send({
        to: email,
        subject: 'Your sign-in code for the naloxone finder',
        text: `Your sign-in code is ${code}\n\nIt expires in 10 minutes. If you did not try to sign in, you can ignore this email.`,
      });
    }
    // No address and no code: the developer needs only to know where to look.
    settings.log(`Sign-in: a code is in the local outbox if the address has an account${page.outboxUrl ? ` (${page.outboxUrl})` : ''}`);
  };

  const showCodePage = (status: number, extra: { code?: string; error?: FieldError; resent?: boolean } = {}) =>
    settings.sendPage(
      response,
      status,
      codePage(page, {
        action: `${base}/code`,
        resendAction: `${base}/resend`,
        changeEmailHref: `${base}/email`,
        email: codes.emailOf(uid) ?? '',
        ...extra,
      }),
    );

  if (method === 'GET' && step === undefined) {
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint.trim() : '';
    if (codes.emailOf(uid) === undefined && hint && !emailError(hint)) await sendCode(hint);
    if (codes.emailOf(uid) !== undefined) return showCodePage(200, { resent: url.searchParams.has('resent') });
    return settings.sendPage(response, 200, emailPage(page, { action: `${base}/email` }));
  }
  if (method === 'GET' && step === 'email') {
    return settings.sendPage(response, 200, emailPage(page, { action: `${base}/email`, email: codes.emailOf(uid) ?? '' }));
  }
  if (method !== 'POST' || step === undefined) {
    return settings.sendPage(response, 405, problemPage(page, { title: 'Page not found', paragraphs: ['Go back to the portal and sign in again.'] }));
  }

  const form = await readForm(request);
  if (!form) return settings.sendPage(response, 413, problemPage(page, { title: 'The form is too large', paragraphs: ['Go back and try again.'] }));

  if (step === 'email') {
    const email = (form.get('email') ?? '').trim();
    const error = emailError(email);
    if (error) return settings.sendPage(response, 422, emailPage(page, { action: `${base}/email`, email, error }));
    await sendCode(email);
    return redirect(response, base);
  }

  if (step === 'resend') {
    const email = codes.emailOf(uid);
    if (email) await sendCode(email);
    return redirect(response, email ? `${base}?resent` : base);
  }

  // step === 'code'. People paste codes with spaces or dashes; only the digits count.
  const entered = form.get('code') ?? '';
  const digits = entered.replace(/[\s-]/g, '');
  if (codes.emailOf(uid) === undefined) return redirect(response, base);
  if (!digits) return showCodePage(422, { code: entered, error: { field: 'code', message: codeMessages.empty } });
  if (!/^\d{6}$/.test(digits)) return showCodePage(422, { code: entered, error: { field: 'code', message: codeMessages.format } });
  const checked = codes.check(uid, digits);
  if (checked.outcome !== 'accepted') {
    return showCodePage(422, { code: entered, error: { field: 'code', message: codeMessages[checked.outcome] } });
  }
  const user = settings.accounts.findByEmail(checked.email);
  if (!user) throw new Error('A code was accepted for an address without an account');
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.subject, amr: ['otp'], remember: true } },
    { mergeWithLastSubmission: false },
  );
}
