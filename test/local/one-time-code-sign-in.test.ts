/**
 * The sign-in pages over HTTP, as a person meets them: the email page, the code page, and every way
 * a code can be refused. The provider's code clock is the test's, so expiry needs no waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../local/demo-users.js';
import { codeLifetimeMs } from '../../local/one-time-codes.js';
import { type SignInPage, formAction, pageError } from '../../local/sign-in-flow.js';
import { type TestProvider, redirectUri, startTestProvider } from '../support/identity-provider.js';

const clock = { now: Date.now() };
let local: TestProvider;
const ben = demoUsers.find((user) => user.user === 'ben')!;

const cameBack = (page: SignInPage) => page.url.startsWith(redirectUri) && new URL(page.url).searchParams.has('code');
const aWrongCode = (code: string) => (code === '999999' ? '999998' : '999999');

/** A browser on the code page for `email`, and the code that was sent. */
async function atCodePage(email: string) {
  const browser = local.browser();
  const emailPage = await browser.authorize();
  const codePage = await browser.submit(emailPage, 'name="email"', { email });
  return { browser, codePage, code: local.latestCode(email) ?? '' };
}

beforeAll(async () => {
  local = await startTestProvider({ now: () => clock.now });
});

afterAll(async () => {
  await local?.close();
});

describe('the email page', () => {
  it('asks for the email address with a label, a hint and autocomplete', async () => {
    // Act
    const page = await local.browser().authorize();

    // Assess
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>Enter your email address');
    expect(page.html).toMatch(/<label class="label label--l" for="email">Enter your email address<\/label>/);
    expect(page.html).toMatch(/<input[^>]*id="email"[^>]*type="email"[^>]*autocomplete="email"[^>]*aria-describedby="email-hint"/);
  });

  it('says what is wrong with an address, in the summary and at the field, and keeps what was typed', async () => {
    // Prepare
    const browser = local.browser();
    const page = await browser.authorize();

    // Act
    const empty = await browser.submit(page, 'name="email"', { email: '' });
    const malformed = await browser.submit(page, 'name="email"', { email: 'asha.example.org' });

    // Assess
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('<title>Error: Enter your email address');
    expect(empty.html).toContain('There is a problem');
    expect(empty.html).toContain('<a href="#email">Enter your email address</a>');
    expect(pageError(empty)).toBe('Enter your email address');
    expect(pageError(malformed)).toBe('Enter an email address in the correct format, like name@example.com');
    expect(malformed.html).toContain('<a href="#email">Enter an email address in the correct format, like name@example.com</a>');
    expect(malformed.html).toContain('value="asha.example.org"');
    expect(malformed.html).toContain('aria-describedby="email-hint email-error"');
  });

  it('answers an address without an account exactly as one with, and sends it nothing', async () => {
    // Prepare
    const sentBefore = local.outbox.list().length;

    // Act
    const unknown = await atCodePage('nobody@example.org');
    const sentAfterUnknown = local.outbox.list().length;
    const known = await atCodePage(ben.email);
    const wrong = await unknown.browser.submit(unknown.codePage, 'name="code"', { code: '123456' });

    // Assess
    expect(sentAfterUnknown).toBe(sentBefore);
    expect(unknown.codePage.html.replace('nobody@example.org', ben.email).replace(/\/interaction\/[\w-]+/g, '')).toBe(
      known.codePage.html.replace(/\/interaction\/[\w-]+/g, ''),
    );
    expect(pageError(wrong)).toBe('The code is not right. Check the email and try again');
  });
});

describe('the code page', () => {
  it('asks for the code with one-time-code autocomplete and a numeric keypad', async () => {
    // Act
    const { codePage } = await atCodePage(ben.email);

    // Assess
    expect(codePage.html).toContain('<title>Check your email');
    expect(codePage.html).toMatch(/<input[^>]*id="code"[^>]*inputmode="numeric"[^>]*autocomplete="one-time-code"/);
    expect(codePage.html).toContain(`If <strong>${ben.email}</strong> has an account, we have sent a 6-digit code to it.`);
  });

  it('sends a 6-digit code to the outbox, valid for 10 minutes', async () => {
    // Act
    await atCodePage(ben.email);

    // Assess
    const [message] = local.outbox.list();
    expect(message).toMatchObject({ to: ben.email, subject: 'Your sign-in code for the naloxone finder' });
    expect(message?.text).toMatch(/Your sign-in code is \d{6}\n\nIt expires in 10 minutes/);
  });

  it('accepts the code with spaces in it', async () => {
    // Prepare
    const { browser, codePage, code } = await atCodePage(ben.email);

    // Act
    const done = await browser.submit(codePage, 'name="code"', { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` });

    // Assess
    expect(cameBack(done)).toBe(true);
  });

  it('refuses an empty code and a code that is not 6 numbers, without counting them as tries', async () => {
    // Prepare
    const { browser, codePage, code } = await atCodePage(ben.email);

    // Act
    const empty = await browser.submit(codePage, 'name="code"', { code: '' });
    const letters = await browser.submit(codePage, 'name="code"', { code: '12345a' });
    const tooShort = await browser.submit(codePage, 'name="code"', { code: '12345' });
    for (let tries = 0; tries < 4; tries += 1) await browser.submit(codePage, 'name="code"', { code: aWrongCode(code) });
    const done = await browser.submit(codePage, 'name="code"', { code });

    // Assess
    expect(empty.status).toBe(422);
    expect(pageError(empty)).toBe('Enter the code from the email');
    expect(empty.html).toContain('<title>Error: Check your email');
    expect(empty.html).toContain('<a href="#code">Enter the code from the email</a>');
    expect(pageError(letters)).toBe('The code must be 6 numbers');
    expect(letters.html).toContain('value="12345a"');
    expect(pageError(tooShort)).toBe('The code must be 6 numbers');
    expect(cameBack(done)).toBe(true);
  });

  it('refuses a wrong code, and still takes the right one after', async () => {
    // Prepare
    const { browser, codePage, code } = await atCodePage(ben.email);

    // Act
    const wrong = await browser.submit(codePage, 'name="code"', { code: aWrongCode(code) });
    const right = await browser.submit(wrong, 'name="code"', { code });

    // Assess
    expect(wrong.status).toBe(422);
    expect(pageError(wrong)).toBe('The code is not right. Check the email and try again');
    expect(cameBack(right)).toBe(true);
  });

  it('refuses a code after 10 minutes, and a new code works', async () => {
    // Prepare
    const { browser, codePage, code } = await atCodePage(ben.email);
    clock.now += codeLifetimeMs;

    // Act
    const expired = await browser.submit(codePage, 'name="code"', { code });
    const resent = await browser.submit(expired, '/resend"');
    const done = await browser.submit(resent, 'name="code"', { code: local.latestCode(ben.email) ?? '' });

    // Assess
    expect(pageError(expired)).toBe('The code has expired. Send a new code');
    expect(resent.html).toContain('We have sent a new code.');
    expect(cameBack(done)).toBe(true);
  });

  it('refuses a code used once already, in this sign-in or another', async () => {
    // Prepare
    const first = await atCodePage(ben.email);
    await first.browser.submit(first.codePage, 'name="code"', { code: first.code });
    const second = await atCodePage(ben.email);

    // Act
    const reusedHere = await first.browser.open(formAction(first.codePage, 'name="code"') ?? '', { code: first.code });
    const reusedThere = await second.browser.submit(second.codePage, 'name="code"', { code: first.code });

    // Assess
    expect(cameBack(reusedHere)).toBe(false);
    expect(reusedHere.html).toContain('This sign-in has expired');
    expect(pageError(reusedThere)).toBe('The code is not right. Check the email and try again');
  });

  it('needs a new code after 5 wrong tries, even for the right one', async () => {
    // Prepare
    const { browser, codePage, code } = await atCodePage(ben.email);
    const errors: (string | undefined)[] = [];
    for (let tries = 0; tries < 5; tries += 1) errors.push(pageError(await browser.submit(codePage, 'name="code"', { code: aWrongCode(code) })));

    // Act
    const rightButLate = await browser.submit(codePage, 'name="code"', { code });
    const resent = await browser.submit(rightButLate, '/resend"');
    const done = await browser.submit(resent, 'name="code"', { code: local.latestCode(ben.email) ?? '' });

    // Assess
    expect(errors.slice(0, 4)).toEqual(Array(4).fill('The code is not right. Check the email and try again'));
    expect(errors[4]).toBe('You have entered a wrong code too many times. Send a new code');
    expect(pageError(rightButLate)).toBe('You have entered a wrong code too many times. Send a new code');
    expect(cameBack(done)).toBe(true);
  });

  it('lets the person change the address, and sends the code there', async () => {
    // Prepare
    const { browser, codePage } = await atCodePage('ben.okafor@example.com');
    const emailPage = await browser.open(codePage.html.match(/<a href="([^"]+\/email)">Use a different email address<\/a>/)?.[1] ?? '');

    // Act
    const corrected = await browser.submit(emailPage, 'name="email"', { email: ben.email });
    const done = await browser.submit(corrected, 'name="code"', { code: local.latestCode(ben.email) ?? '' });

    // Assess
    expect(emailPage.html).toContain('value="ben.okafor@example.com"');
    expect(cameBack(done)).toBe(true);
  });
});

describe('the pages’ security', () => {
  it('sends a strict CSP with no scripts, and forms only to itself and the portal', async () => {
    // Act
    const page = await local.browser().authorize();

    // Assess
    expect(page.html).not.toMatch(/<script|\son\w+=/i);
    const csp = page.headers.get('content-security-policy');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:9");
    expect(csp).not.toContain('script-src');
  });
});
