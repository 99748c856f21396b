/**
 * One registration and its decision (`[data-module="portal-registration"]`). The decision is sent
 * with the version read, so it never lands on a registration someone else has changed meanwhile:
 * then the page shows the registration as it is now and says so. Checked first with the contract's
 * own schema, so the messages are the API's, on their fields. The send button ignores more presses
 * while a decision is on its way.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import { registrationBasisWords, registrationIdSchema } from '@contract/registration.js';
import { type Registration, type RegistrationDecisionResponse, registrationDecisionSchema } from '@contract/registration-moderation.js';
import { el, required } from '../dom.js';
import { enhanceCharacterCount } from '../character-count.js';
import { enhanceConditionalReveals, syncReveals } from '../conditional-reveal.js';
import { clearErrors, showErrors } from '../error-summary.js';
import { bannerHeading, showBanner } from './banner.js';
import { listingPageUrl } from './portal-urls.js';
import { openModeratorPage, registrationStatusTag } from './moderator-page.js';
import { decideRegistration, getRegistration, type PortalResult } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { detailRows, eventItems, placeBlock } from './registration-view.js';
import { showPortalState } from './page-state.js';

const fieldOf: Record<string, string> = { decision: 'decision', supplyBasis: 'supplyBasis', message: 'message', reason: 'reason' };

export async function enhanceRegistrationReviewPage(root: HTMLElement): Promise<void> {
  const id = registrationIdSchema.safeParse(new URLSearchParams(location.search).get('id') ?? '');
  if (!id.success) {
    showPortalState(root, 'not_found');
    return;
  }
  const opened = await openModeratorPage(root, () => getRegistration(id.data));
  if (!opened) return;
  const page = required<HTMLElement>(root, '[data-registration]');
  const form = required<HTMLFormElement>(page, '[data-decision-form]');
  const problem = required<HTMLElement>(page, '[data-decision-problem]');
  for (const count of form.querySelectorAll<HTMLElement>('[data-module="character-count"]')) enhanceCharacterCount(count);
  enhanceConditionalReveals(form);
  let registration = opened.data;
  let sending = false;

  function render(): void {
    const { details } = registration;
    required<HTMLElement>(page, '[data-registration-kind]').textContent = details.kind === 'cabinet' ? 'Emergency cabinet' : 'Place that hands out kits';
    required<HTMLElement>(page, '[data-registration-name]').textContent = details.name;
    required<HTMLElement>(page, '[data-registration-meta]').replaceChildren(registrationStatusTag(registration.status), el('span', {}, `Reference ${registration.id}`));
    required<HTMLElement>(page, '[data-registration-details]').replaceChildren(...detailRows(registration));
    required<HTMLElement>(page, '[data-registration-place]').replaceChildren(...placeBlock(registration));
    required<HTMLElement>(page, '[data-registration-events]').replaceChildren(...eventItems(registration));
    const open = ['submitted', 'resubmitted', 'changes_requested'].includes(registration.status);
    required<HTMLElement>(page, '[data-decide]').hidden = !open;
    required<HTMLElement>(page, '[data-decide-waiting]').hidden = registration.status !== 'changes_requested';
    required<HTMLElement>(form, '[data-decision-option="approve"]').hidden = registration.status === 'changes_requested';
    required<HTMLElement>(page, '[data-finish]').hidden = !(registration.status === 'approved' && registration.publishedAt === null);
    // The basis is asked only for a place; it starts as the registrant's choice, if they made one.
    const basisQuestion = required<HTMLElement>(form, '[data-basis-question]');
    basisQuestion.hidden = details.kind !== 'outlet';
    if (details.kind === 'outlet') {
      required<HTMLElement>(basisQuestion, '[data-basis-hint]').textContent =
        details.basis === 'not_sure' ? 'The registrant was not sure. Choose the group, as agreed with them.' : `The registrant chose: ${registrationBasisWords[details.basis].label}. Change it if it is wrong.`;
      for (const input of basisQuestion.querySelectorAll<HTMLInputElement>('input')) input.checked = input.value === details.basis;
    }
    syncReveals(form);
    document.title = portalTitle(details.name);
  }

  function decision(): Record<string, unknown> {
    const chosen = form.querySelector<HTMLInputElement>('input[name="decision"]:checked')?.value;
    if (chosen === 'approve') {
      const basis = form.querySelector<HTMLInputElement>('input[name="supplyBasis"]:checked')?.value;
      return registration.details.kind === 'outlet' ? { decision: chosen, supplyBasis: basis } : { decision: chosen };
    }
    if (chosen === 'ask_for_changes') return { decision: chosen, message: required<HTMLTextAreaElement>(form, '#message').value };
    if (chosen === 'reject') return { decision: chosen, reason: required<HTMLTextAreaElement>(form, '#reason').value };
    return {};
  }

  async function send(body: Record<string, unknown>, problemBlock: HTMLElement): Promise<void> {
    problemBlock.hidden = true;
    const parsed = registrationDecisionSchema.safeParse(body);
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((issue) => ({ message: issue.message, fieldId: fieldOf[String(issue.path[0] ?? 'decision')] ?? 'decision' })));
      return;
    }
    clearErrors();
    const result = await decideRegistration(registration.id, registration.version, parsed.data);
    if (result.kind === 'ok') {
      registration = result.data.registration;
      form.reset();
      // The character counts listen for input, which a reset does not send.
      for (const field of form.querySelectorAll('textarea')) field.dispatchEvent(new Event('input'));
      render();
      showBanner(required<HTMLElement>(page, '[data-decision-saved]'), ...savedWords(result.data));
      return;
    }
    await showProblem(result, problemBlock);
  }

  async function showProblem(result: Exclude<PortalResult<RegistrationDecisionResponse>, { kind: 'ok' }>, problemBlock: HTMLElement): Promise<void> {
    if (result.kind === 'rejected' && (result.status === 412 || result.status === 409)) {
      // Someone else decided first, or it moved on: show it as it is now.
      const now = await getRegistration(registration.id);
      if (now.kind === 'ok') {
        registration = now.data;
        render();
      }
      showBanner(required<HTMLElement>(page, '[data-decision-notice]'), el('p', {}, `${result.body.message} Your decision was not sent.`));
      return;
    }
    if (result.kind === 'rejected' && result.body.issues.every((issue) => Object.hasOwn(fieldOf, issue.path))) {
      showErrors(result.body.issues.map((issue) => ({ message: issue.message, fieldId: fieldOf[issue.path] ?? 'decision' })));
      return;
    }
    const message =
      result.kind === 'signed_out'
        ? 'Your session has ended. Sign in again, then send your decision again.'
        : result.kind === 'forbidden'
          ? 'You do not have access to this registration any more.'
          : 'Your connection may have dropped, or the portal is not working right now. Try again: a decision is never applied twice.';
    problemBlock.replaceChildren(el('p', {}, el('strong', {}, 'We did not send your decision. '), message));
    problemBlock.hidden = false;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    void send(decision(), problem).finally(() => {
      sending = false;
    });
  });

  const finish = required<HTMLButtonElement>(page, '[data-finish-send]');
  finish.addEventListener('click', () => {
    if (sending) return;
    sending = true;
    void send({ decision: 'approve' }, required<HTMLElement>(page, '[data-finish-problem]')).finally(() => {
      sending = false;
    });
  });

  render();
  page.hidden = false;
}

/** What the banner says after a decision: what happened, and whether the registrant was emailed. */
function savedWords({ registration, emailSent }: RegistrationDecisionResponse): (Node | string)[] {
  const email = registration.details.contactEmail;
  const told = emailSent
    ? el('p', {}, `We have emailed ${email}.`)
    : el('p', {}, el('strong', {}, `We could not email ${email}.`), ' Your decision is saved: please contact them yourself.');
  if (registration.status === 'approved' && registration.outletId) {
    const outletId = registration.outletId;
    return [
      bannerHeading(registration.publishedAt ? 'Approved: the listing is live' : 'Approved, but publishing is not finished'),
      told,
      el('p', {}, el('a', { href: `/outlet/?id=${encodeURIComponent(outletId)}` }, 'See the public listing'), ' · ', el('a', { href: listingPageUrl('overview', outletId) }, 'Open it in the portal')),
    ];
  }
  if (registration.status === 'changes_requested') return [bannerHeading('Changes asked for'), told, el('p', {}, 'They have a link to change it and send it again, for 30 days.')];
  return [bannerHeading('Rejected'), told];
}
