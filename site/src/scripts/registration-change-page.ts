/**
 * The page to change a registration (`[data-module="registration-change"]`), reached from the link
 * emailed when changes were asked for. The link's secret is in the address's fragment, which no
 * server or Referer ever sees; it is taken out of the address bar at once (so it is not left in the
 * history or a shared screenshot) and kept only in this page's memory.
 */
// First, before any schema is built: the page's CSP forbids zod's eval probe.
import './zod-without-eval.js';
import { registrationIdSchema } from '@contract/registration.js';
import { required } from './dom.js';
import { pageTitle } from './page-title.js';
import { getOwnRegistration, resubmitRegistration } from './registration-api.js';
import { runRegistrationJourney } from './registration-journey.js';
import { showServiceProblem } from './service-problem.js';

/** The registration and the link's secret from the address, which is then tidied away. */
function linkFromAddress(): { id: string; token: string } | null {
  const id = registrationIdSchema.safeParse(new URLSearchParams(location.search).get('id') ?? '');
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  if (location.hash) history.replaceState(null, '', `${location.pathname}${location.search}`);
  return id.success && token ? { id: id.data, token } : null;
}

export async function enhanceChangePage(root: HTMLElement): Promise<void> {
  const status = required<HTMLElement>(root, '[data-change-status]');
  const expired = required<HTMLElement>(root, '[data-change-expired]');
  const formStep = required<HTMLElement>(root, '[data-register-step="form"]');
  const link = linkFromAddress();
  const own = link ? await getOwnRegistration(link.id, link.token) : null;
  status.textContent = '';

  if (!link || own === null || own.kind === 'rejected') {
    expired.hidden = false;
    document.title = pageTitle('Link expired');
    return;
  }
  if (own.kind !== 'ok') {
    showServiceProblem(required<HTMLElement>(root, '[data-service-problem]'));
    return;
  }

  required<HTMLElement>(formStep, '[data-change-message]').textContent = own.data.message ?? 'No message was given.';
  required<HTMLElement>(formStep, '[data-change-reference]').textContent = `Your reference is ${own.data.id}.`;
  const form = runRegistrationJourney(root, {
    formTitle: 'Change your registration',
    sentTitle: 'Changes sent',
    send: (body) => resubmitRegistration(link.id, link.token, body),
  });
  form.fill(own.data.details);
  formStep.hidden = false;
}
