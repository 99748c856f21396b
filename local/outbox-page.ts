/**
 * The local outbox on the finder's own port: `/_local/outbox` for people (newest first) and
 * `/_local/outbox.json` for scripts and tests. Local only: the CDK app has no such path, and the
 * local server answers it only to this machine, since the messages hold sign-in codes.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from './identity-provider-pages.js';
import type { Outbox, OutboxMessage } from './outbox.js';

export const outboxPath = '/_local/outbox';
export const outboxJsonPath = '/_local/outbox.json';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const styles = `body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.32;color:#0b0c0c}
main{max-width:760px;margin:0 auto;padding:20px 15px 40px}
h1{font-size:2rem}h2{font-size:1.5rem;margin:0 0 10px}
.message{border-top:2px solid #b1b4b6;padding:15px 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:0 15px;margin:0 0 10px}dt{font-weight:700}dd{margin:0;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1rem;background:#f3f2f1;padding:10px}
a{color:#1d70b8}a:focus{outline:3px solid transparent;background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c}`;
/** The page's CSP allows its one style block by hash, and nothing else. */
const stylesHash = createHash('sha256').update(styles).digest('base64');

/**
 * The message's text, escaped, with links to this machine made clickable (a reminder's one-tap
 * links, the portal); any other address stays text, since nothing local should send anyone away.
 */
function textHtml(text: string): string {
  return escapeHtml(text).replace(/\bhttps?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/[^\s<]*/g, (url) => `<a href="${url}">${url}</a>`);
}

function messageHtml(message: OutboxMessage): string {
  const sent = new Date(message.sentAt);
  const shown = sent.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'medium' });
  return `<article class="message" aria-labelledby="m-${message.id}">
<h2 id="m-${message.id}">${escapeHtml(message.subject)}</h2>
<dl><dt>To</dt><dd>${escapeHtml(message.to)}</dd><dt>Sent</dt><dd><time datetime="${message.sentAt}">${escapeHtml(shown)}</time></dd></dl>
<pre>${textHtml(message.text)}</pre>
</article>`;
}

/** The outbox page. Pure. */
export function outboxPage(messages: OutboxMessage[]): string {
  const list = messages.length === 0 ? '<p>No messages yet. Sign in to the portal and the code will appear here.</p>' : messages.map(messageHtml).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local outbox – Naloxone finder (local)</title>
<style>${styles}</style>
</head>
<body>
<main>
<h1>Local outbox</h1>
<p>Emails the local finder would have sent, newest first. Nothing here was delivered. Reload the page to see new messages. For scripts: <a href="${outboxJsonPath}">outbox.json</a>.</p>
${list}
</main>
</body>
</html>`;
}

/** Answers the outbox paths; false for any other path, which the caller serves. */
export function serveOutbox(outbox: Outbox, request: IncomingMessage, pathname: string, response: ServerResponse): boolean {
  if (pathname !== outboxPath && pathname !== `${outboxPath}/` && pathname !== outboxJsonPath) return false;
  const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (!loopback.has(request.socket.remoteAddress ?? '')) {
    response.writeHead(404, { ...common, 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  } else if (pathname === outboxJsonPath) {
    response.writeHead(200, { ...common, 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(outbox.list()));
  } else {
    response.writeHead(200, {
      ...common,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src 'sha256-${stylesHash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    });
    response.end(outboxPage(outbox.list()));
  }
  return true;
}
