/**
 * The local sign-in service's pages, written as the GOV.UK Design System writes forms: a label on
 * every field, an error summary "There is a problem" linking to each field, the same words at the
 * field, `Error: ` in the title, and the entered value kept. No scripts at all; the styles are one
 * file from the same origin ({@link signInStyles}), so the pages carry a strict CSP of their own.
 */
import { demoUsers } from './demo-users.js';

/** HTML-escapes text for element content and quoted attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/** Where the pages' styles are served, on the sign-in service's own origin. */
export const stylesPath = '/assets/sign-in.css';

/** A field's problem, shown in the summary and at the field in the same words. */
export interface FieldError {
  field: 'email' | 'code';
  message: string;
}

/** What every page shows: where a developer reads the codes. */
export interface PageContext {
  /** The local outbox page, where the codes arrive; omitted when unknown. */
  outboxUrl?: string;
}

function layout(context: PageContext, title: string, body: string, error?: FieldError): string {
  const outbox = context.outboxUrl
    ? `<a href="${escapeHtml(context.outboxUrl)}">the local outbox</a>`
    : 'the local outbox of the finder (<code>/_local/outbox</code>)';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${error ? 'Error: ' : ''}${escapeHtml(title)} – Sign in – Naloxone finder (local)</title>
<link rel="stylesheet" href="${stylesPath}">
</head>
<body>
<header>
<div class="header"><p class="service-name">Naloxone finder: sign in</p></div>
<div class="notice"><p><strong>Local sign-in service for development.</strong> No email is sent: every code goes to ${outbox}.</p></div>
</header>
<main class="main" id="main-content">
${error ? errorSummary(error) : ''}${body}
</main>
</body>
</html>`;
}

function errorSummary(error: FieldError): string {
  // autofocus takes the reader to the summary first, as GOV.UK's script does, without a script.
  return `<div class="error-summary" tabindex="-1" autofocus>
<div role="alert">
<h2 class="error-summary__title">There is a problem</h2>
<ul class="error-summary__list"><li><a href="#${error.field}">${escapeHtml(error.message)}</a></li></ul>
</div>
</div>
`;
}

function fieldError(error: FieldError | undefined, field: FieldError['field']): string {
  return error?.field === field
    ? `<p id="${field}-error" class="error-message"><span class="visually-hidden">Error:</span> ${escapeHtml(error.message)}</p>`
    : '';
}

const describedBy = (field: string, error: FieldError | undefined) =>
  `${field}-hint${error?.field === field ? ` ${field}-error` : ''}`;

function demoAccounts(): string {
  const rows = demoUsers
    .map((user) => `<li><code>${escapeHtml(user.email)}</code>: ${escapeHtml(user.name)}, ${escapeHtml(user.groups.join(', '))}</li>`)
    .join('');
  return `<details class="details"><summary>Demo accounts</summary><ul>${rows}</ul></details>`;
}

/** Page 1: the email address. */
export function emailPage(context: PageContext, form: { action: string; email?: string; error?: FieldError }): string {
  const { error } = form;
  return layout(
    context,
    'Enter your email address',
    `<form method="post" action="${escapeHtml(form.action)}" novalidate>
<div class="form-group${error ? ' form-group--error' : ''}">
<h1 class="label-wrapper"><label class="label label--l" for="email">Enter your email address</label></h1>
<p id="email-hint" class="hint">We will email you a code to sign in. Use the address your organisation registered for you.</p>
${fieldError(error, 'email')}<input class="input${error ? ' input--error' : ''}" id="email" name="email" type="email" autocomplete="email" spellcheck="false" aria-describedby="${describedBy('email', error)}" value="${escapeHtml(form.email ?? '')}">
</div>
<button class="button" type="submit">Continue</button>
</form>
${demoAccounts()}`,
    error,
  );
}

/** Page 2: the code from the email. */
export function codePage(
  context: PageContext,
  form: { action: string; resendAction: string; changeEmailHref: string; email: string; resent?: boolean; code?: string; error?: FieldError },
): string {
  const { error } = form;
  const resent = form.resent && !error ? `<div class="notice notice--success" role="status"><p>We have sent a new code.</p></div>\n` : '';
  return layout(
    context,
    'Check your email',
    `${resent}<h1 class="heading-l">Check your email</h1>
<p>If <strong>${escapeHtml(form.email)}</strong> has an account, we have sent a 6-digit code to it. The code expires after 10 minutes.</p>
<form method="post" action="${escapeHtml(form.action)}" novalidate>
<div class="form-group${error ? ' form-group--error' : ''}">
<label class="label label--m" for="code">Code</label>
<p id="code-hint" class="hint">The 6 numbers in the email, for example 123456</p>
${fieldError(error, 'code')}<input class="input input--width-10${error ? ' input--error' : ''}" id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" spellcheck="false" aria-describedby="${describedBy('code', error)}" value="${escapeHtml(form.code ?? '')}">
</div>
<button class="button" type="submit">Sign in</button>
</form>
<h2 class="heading-m">Not received a code?</h2>
<form method="post" action="${escapeHtml(form.resendAction)}">
<button class="button button--secondary" type="submit">Send a new code</button>
</form>
<p><a href="${escapeHtml(form.changeEmailHref)}">Use a different email address</a></p>`,
    error,
  );
}

/** A sign-in that cannot go on: its link expired or was already used, or the request was wrong. */
export function problemPage(context: PageContext, problem: { title: string; paragraphs: string[] }): string {
  return layout(
    context,
    problem.title,
    `<h1 class="heading-l">${escapeHtml(problem.title)}</h1>\n${problem.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n')}`,
  );
}

/** The sign-out question; `providerForm` is the provider's own form (hidden fields), which the buttons submit. */
export function signOutPage(context: PageContext, providerForm: string): string {
  return layout(
    context,
    'Sign out',
    `<h1 class="heading-l">Sign out</h1>
<p>Do you want to sign out of the sign-in service? You will need a new code to sign in again.</p>
${providerForm}
<div class="button-group">
<button class="button" type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button class="button button--secondary" type="submit" form="op.logoutForm">Stay signed in</button>
</div>`,
  );
}

/** After signing out with nowhere to go back to. */
export function signedOutPage(context: PageContext): string {
  return problemPage(context, { title: 'You have signed out', paragraphs: ['You can close this page.'] });
}

/** The one stylesheet: GOV.UK's spacing, type scale, focus and error colours; works from 320px up. */
export const signInStyles = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.32;color:#0b0c0c;background:#fff}
.header{background:#0b0c0c;color:#fff;padding:10px 15px}.service-name{margin:0;font-weight:700}
.notice{background:#f3f2f1;border-left:5px solid #1d70b8;padding:10px 15px;margin:0}.notice p{margin:0}
.notice--success{border-left-color:#00703c;margin-bottom:20px}
.main{max-width:640px;margin:0 auto;padding:20px 15px 40px}
h1,h2{margin:0 0 20px}.heading-l,.label--l{font-size:2rem;font-weight:700;line-height:1.09}.heading-m,.label--m{font-size:1.5rem;font-weight:700}
.label-wrapper{margin:0}.label{display:block;margin-bottom:5px}
.hint{color:#505a5f;margin:0 0 15px}
.form-group{margin-bottom:30px}.form-group--error{border-left:5px solid #d4351c;padding-left:15px}
.error-message{color:#d4351c;font-weight:700;margin:0 0 15px}
.input{font:inherit;width:100%;height:2.5rem;padding:5px;border:2px solid #0b0c0c;border-radius:0}
.input--width-10{max-width:11em}.input--error{border-color:#d4351c}
.input:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px}
.button{font:inherit;font-weight:400;color:#fff;background:#00703c;border:2px solid transparent;box-shadow:0 2px 0 #002d18;padding:8px 10px 7px;margin:0 15px 20px 0;cursor:pointer}
.button--secondary{color:#0b0c0c;background:#f3f2f1;box-shadow:0 2px 0 #929191}
.button:focus{outline:3px solid transparent;background:#fd0;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c}
.button-group{display:flex;flex-wrap:wrap}
a{color:#1d70b8}a:visited{color:#4c2c92}a:focus{outline:3px solid transparent;background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
.error-summary{border:5px solid #d4351c;padding:15px;margin-bottom:30px}.error-summary:focus{outline:3px solid #fd0}
.error-summary__title{font-size:1.5rem}.error-summary__list{margin:0;padding:0;list-style:none}.error-summary__list a{color:#d4351c;font-weight:700}
.details{margin-top:30px}.details summary{color:#1d70b8;cursor:pointer;text-decoration:underline}
code{font-family:monospace;font-size:1rem;word-break:break-all}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
`;
