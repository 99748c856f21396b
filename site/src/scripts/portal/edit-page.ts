/**
 * Changing a listing (`[data-module="portal-edit"]`). The form is filled from the version read,
 * and saving sends only the fields that differ from it, as a PATCH with that version's ETag in
 * `If-Match`. Then:
 * - 200: a success banner says what changed; the form now stands on the new version;
 * - 422: the API's issues go into the error summary and next to their inputs;
 * - 412: someone else changed the listing first. Their version goes into the form; the person is
 *   told what they changed and what they themselves were changing, and can put it back and save;
 * - 401 that cannot be refreshed: what they typed is kept in this tab while they sign in again.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import { listingPatchSchema, type PortalOutlet } from '@contract/portal-outlet.js';
import { enhanceCharacterCount } from '../character-count.js';
import { el, required } from '../dom.js';
import { clearErrors, showErrors } from '../error-summary.js';
import { enhanceConditionalReveals } from '../conditional-reveal.js';
import { keepDraft, takeDraft } from './edit-draft.js';
import { conflictMessage, savedMessage } from './edit-messages.js';
import { pageErrorsFor } from './issue-fields.js';
import { enhanceListingForm, type ListingForm } from './listing-form.js';
import { openListingPage, readOnlyNotice } from './listing-page.js';
import { type ListingValues, changedFields, patchOf, valuesOf } from './listing-values.js';
import { editListing, getListing, type PortalResult } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { listingPageUrl } from './portal-urls.js';
import { showSessionEnded } from './session-ended.js';

const pageName = 'Change hours and details';

export async function enhanceEditPage(root: HTMLElement): Promise<void> {
  const opened = await openListingPage(root, getListing);
  if (!opened) return;
  const { context } = opened;
  /** The version the form stands on: its ETag goes with the next save. */
  let listing: PortalOutlet = opened.data;
  const page = required<HTMLElement>(root, '[data-edit]');
  const formElement = required<HTMLFormElement>(page, '[data-edit-form]');
  const saved = required<HTMLElement>(page, '[data-edit-saved]');
  const notice = required<HTMLElement>(page, '[data-edit-notice]');
  const sendProblem = required<HTMLElement>(page, '[data-edit-send-problem]');
  const saveButton = required<HTMLButtonElement>(page, '[data-edit-save]');
  required<HTMLElement>(page, '[data-edit-name]').textContent = listing.outlet.name;
  required<HTMLAnchorElement>(page, '[data-edit-cancel]').href = listingPageUrl('overview', context.id);
  document.title = portalTitle(pageName);
  page.hidden = false;
  if (!context.canWrite) {
    formElement.hidden = true;
    required<HTMLElement>(page, '[data-edit-read-only]').replaceChildren(readOnlyNotice());
    required<HTMLElement>(page, '[data-edit-read-only]').hidden = false;
    return;
  }

  const form: ListingForm = enhanceListingForm(formElement);
  enhanceConditionalReveals(formElement);
  for (const group of formElement.querySelectorAll<HTMLElement>('[data-module="character-count"]')) enhanceCharacterCount(group);
  form.fill(valuesOf(listing.outlet));

  function show(banner: HTMLElement, content: HTMLElement[]): void {
    required<HTMLElement>(banner, banner === saved ? '[data-edit-saved-content]' : '[data-edit-notice-content]').replaceChildren(...content);
    banner.hidden = false;
    banner.focus();
  }

  function hideMessages(): void {
    saved.hidden = true;
    notice.hidden = true;
    sendProblem.hidden = true;
  }

  /** Loads `current` into the form and tells the person what happened to the changes they made since `baseline`. */
  function showConflict(baseline: ListingValues, mine: ListingValues, current: PortalOutlet): void {
    const myFields = changedFields(baseline, mine);
    const theirFields = changedFields(baseline, valuesOf(current.outlet));
    listing = current;
    form.fill(valuesOf(current.outlet));
    clearErrors();
    show(
      notice,
      conflictMessage(theirFields, valuesOf(current.outlet), myFields, mine, () => {
        form.fill(mine, myFields);
        show(notice, [el('p', { class: 'app-notification-banner__heading' }, 'Your changes are back in the form. Check them, then save.')]);
      }),
    );
  }

  const draft = takeDraft(context.id);
  if (draft && draft.etag === listing.etag) {
    form.fill(draft.mine);
    show(notice, [el('p', { class: 'app-notification-banner__heading' }, 'We kept the changes you had not saved. Check them, then save.')]);
  } else if (draft) {
    showConflict(draft.baseline, draft.mine, listing);
  }

  let sending = false;
  formElement.addEventListener('submit', (event) => {
    event.preventDefault();
    // One save per press, however often the button is pressed while it is on its way.
    if (sending) return;
    sending = true;
    saveButton.setAttribute('aria-disabled', 'true');
    void save().finally(() => {
      sending = false;
      saveButton.removeAttribute('aria-disabled');
    });
  });

  async function save(): Promise<void> {
    hideMessages();
    const baseline = valuesOf(listing.outlet);
    const { values, problems, hoursIds } = form.read();
    const fields = changedFields(baseline, values);
    // A problem in hours the person did not touch is not theirs to fix today; typed-in nonsense always is.
    const ownProblems = problems.filter((problem) => problem.field === 'eligibility' || fields.includes(problem.field));
    if (ownProblems.length) {
      showErrors(ownProblems);
      return;
    }
    if (fields.length === 0) {
      clearErrors();
      show(notice, [el('p', { class: 'app-notification-banner__heading' }, 'You have not changed anything, so there is nothing to save.')]);
      return;
    }
    // The contract's own schema, so the messages are word for word the API's.
    const parsed = listingPatchSchema.safeParse(patchOf(values, fields));
    if (!parsed.success) {
      showErrors(pageErrorsFor(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })), hoursIds));
      return;
    }
    clearErrors();
    const result = await editListing(context.id, listing.etag, parsed.data);
    if (result.kind === 'ok') {
      listing = result.data;
      form.fill(valuesOf(listing.outlet));
      show(saved, savedMessage(context.id, fields, valuesOf(listing.outlet)));
    } else if (result.kind === 'stale') {
      // A save that reached the API before the connection dropped comes back as "changed": by us.
      const current = valuesOf(result.current.outlet);
      if (changedFields(values, current).every((field) => !fields.includes(field))) {
        listing = result.current;
        form.fill(current);
        show(saved, savedMessage(context.id, fields, current));
      } else {
        showConflict(baseline, values, result.current);
      }
    } else if (result.kind === 'rejected' && result.body.issues.length > 0) {
      showErrors(pageErrorsFor(result.body.issues, hoursIds));
    } else if (result.kind === 'signed_out') {
      showSessionEnded(sendProblem, () => keepDraft(context.id, listing.etag, baseline, values));
    } else {
      sendProblem.replaceChildren(el('p', {}, el('strong', {}, 'We could not save your changes. '), saveProblemInWords(result)));
      sendProblem.hidden = false;
    }
  }
}

/** Why a save failed, for the answers that do not point at a field. */
function saveProblemInWords(result: Exclude<PortalResult<PortalOutlet>, { kind: 'ok' | 'stale' | 'signed_out' }>): string {
  if (result.kind === 'forbidden') return 'You can see this listing, but only its own staff can change it.';
  if (result.kind === 'rejected') return result.body.message;
  if (result.kind === 'not_found') return 'This listing does not exist any more.';
  return 'Your connection may have dropped, or the portal is not working right now. Your changes are still here: try again in a few minutes.';
}
