/**
 * The registration form (`components/RegistrationForm.astro`) as data: which questions show for a
 * place or a cabinet, reading the answers into the contract's shape (checked with the contract's
 * own schema, so the messages are word for word the API's), filling them back in, and placing each
 * issue, from the device or the API, on its input in the order the form asks.
 */
import type { FieldIssue } from '@contract/error.js';
import { kitTypeSchema, type KitType } from '@contract/outlet.js';
import { type RegistrationDetails, registrationDetailsSchema } from '@contract/registration.js';
import { enhanceCharacterCount } from './character-count.js';
import { enhanceConditionalReveals, syncReveals } from './conditional-reveal.js';
import { required } from './dom.js';
import { type PageError, clearErrors, showErrors } from './error-summary.js';
import { type HoursFieldIds, enhanceHoursEditor, hoursFieldId } from './hours-editor.js';

export interface RegistrationFormControl {
  /**
   * The answers checked with the contract: the details to send, or the problems to show, each on
   * its input. `trap` is the field only software fills in.
   */
  read(): { details: RegistrationDetails; trap: string } | { errors: PageError[] };
  /** Puts a registration's answers back into the form (to change it). */
  fill(details: RegistrationDetails): void;
  /** Shows problems with the error summary, in the order the form asks. */
  showErrors(errors: readonly PageError[]): void;
  /** Shows the API's issues on their inputs, in the form's order. */
  showIssues(issues: readonly FieldIssue[]): void;
  /** Whether each issue can be placed on an input of the form. */
  placesAll(issues: readonly FieldIssue[]): boolean;
}

/** Fields whose input has the field's own name as its id. */
const sameId = new Set([
  'kind',
  'organisation',
  'name',
  'basis',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
  'locationDescription',
  'phone',
  'website',
  'kitTypes',
  'contactName',
  'contactEmail',
]);

/** The fields both kinds ask for: what is checked before the kind is chosen. */
const sharedFields = new Set(['organisation', 'name', 'addressLine1', 'addressLine2', 'town', 'postcode', 'phone', 'kitTypes', 'contactName', 'contactEmail']);

const kindMessage = 'Choose whether you are registering a place that hands out kits or an emergency cabinet';

export function enhanceRegistrationForm(form: HTMLFormElement): RegistrationFormControl {
  const hours = enhanceHoursEditor(required<HTMLElement>(form, '[data-hours-editor]'), {
    allClosedMessage: 'A place that is closed every day cannot be listed. Choose “Not known” for any day you are not sure about',
  });
  for (const count of form.querySelectorAll<HTMLElement>('[data-module="character-count"]')) enhanceCharacterCount(count);
  enhanceConditionalReveals(form);
  const input = (id: string) => required<HTMLInputElement>(form, `#${id}`);
  const textarea = (id: string) => required<HTMLTextAreaElement>(form, `#${id}`);
  const kitBox = (kit: KitType) => required<HTMLInputElement>(form, `input[name="kitTypes"][value="${kit}"]`);
  const checkedValue = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
  let hoursIds: HoursFieldIds = { weekly: [], exceptions: [] };

  /** Only the questions of the chosen kind show; before a choice, only those both ask. */
  function showKind(): void {
    const kind = checkedValue('kind');
    for (const part of form.querySelectorAll<HTMLElement>('[data-kind-only]')) part.hidden = part.dataset.kindOnly !== kind;
  }
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === 'kind') showKind();
  });
  showKind();
  // The hours start as "not known" for every day: nothing claimed until the registrant says so.
  hours.fill({ weekly: [], exceptions: [], bankHolidays: 'unknown' });

  function values(): Record<string, unknown> {
    const kind = checkedValue('kind');
    const shared = {
      kind,
      organisation: input('organisation').value,
      name: input('name').value,
      addressLine1: input('addressLine1').value,
      addressLine2: input('addressLine2').value,
      town: input('town').value,
      postcode: input('postcode').value,
      phone: input('phone').value,
      kitTypes: kitTypeSchema.options.filter((kit) => kitBox(kit).checked),
      contactName: input('contactName').value,
      contactEmail: input('contactEmail').value,
    };
    if (kind === 'cabinet') return { ...shared, locationDescription: textarea('locationDescription').value };
    return {
      ...shared,
      basis: checkedValue('basis'),
      website: input('website').value,
      noIdNeeded: input('noIdNeeded').checked,
      walkIn: input('walkIn').checked,
      familyAndFriendsCanCollect: input('familyAndFriendsCanCollect').checked,
    };
  }

  function fieldIdFor(path: string): string | null {
    const [field = '', ...rest] = path.split('.');
    if (sameId.has(field)) return field;
    if (field === 'hours') return hoursFieldId(rest, hoursIds);
    return null;
  }

  const errorsFor = (issues: readonly FieldIssue[]): PageError[] =>
    issues.flatMap((issue) => {
      const fieldId = fieldIdFor(issue.path);
      return fieldId ? [{ message: issue.message, fieldId }] : [];
    });

  /** Problems in the order their inputs come in the form, as the error summary should list them. */
  function inFormOrder(errors: readonly PageError[]): PageError[] {
    const position = (error: PageError) => document.getElementById(error.fieldId);
    return [...errors].sort((a, b) => {
      const [first, second] = [position(a), position(b)];
      if (!first || !second || first === second) return 0;
      return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  return {
    read() {
      const raw = values();
      const pathOf = (issue: { path: PropertyKey[] }) => issue.path.map(String).join('.');
      if (raw.kind !== 'outlet' && raw.kind !== 'cabinet') {
        // Before the kind is chosen, the questions both kinds ask are still checked, so every problem shows at once.
        const shared = registrationDetailsSchema.safeParse({ ...raw, kind: 'cabinet', locationDescription: 'x' });
        const sharedIssues = shared.success ? [] : shared.error.issues.filter((issue) => sharedFields.has(String(issue.path[0])));
        return { errors: errorsFor([{ path: 'kind', message: kindMessage }, ...sharedIssues.map((issue) => ({ path: pathOf(issue), message: issue.message }))]) };
      }
      const readHours = raw.kind === 'outlet' ? hours.read() : null;
      if (readHours) hoursIds = readHours.ids;
      // The hours editor names the input of each problem it finds itself.
      const errors: PageError[] = (readHours?.problems ?? []).map((problem) => ({ fieldId: problem.fieldId, message: problem.message }));
      const parsed = registrationDetailsSchema.safeParse(readHours ? { ...raw, hours: readHours.hours } : raw);
      if (!parsed.success) errors.push(...errorsFor(parsed.error.issues.map((issue) => ({ path: pathOf(issue), message: issue.message }))));
      if (!parsed.success || errors.length > 0) return { errors };
      return { details: parsed.data, trap: input('faxNumber').value };
    },
    fill(details) {
      input(details.kind === 'outlet' ? 'kind' : 'kind-cabinet').checked = true;
      showKind();
      input('organisation').value = details.organisation;
      input('name').value = details.name;
      input('addressLine1').value = details.addressLine1;
      input('addressLine2').value = details.addressLine2 ?? '';
      input('town').value = details.town;
      input('postcode').value = details.postcode;
      input('phone').value = details.phone ?? '';
      for (const kit of kitTypeSchema.options) kitBox(kit).checked = details.kitTypes.includes(kit);
      input('contactName').value = details.contactName;
      input('contactEmail').value = details.contactEmail;
      if (details.kind === 'cabinet') {
        const field = textarea('locationDescription');
        field.value = details.locationDescription;
        field.dispatchEvent(new Event('input'));
      } else {
        const basis = form.querySelector<HTMLInputElement>(`input[name="basis"][value="${details.basis}"]`);
        if (basis) basis.checked = true;
        input('website').value = details.website ?? '';
        input('noIdNeeded').checked = details.noIdNeeded;
        input('walkIn').checked = details.walkIn;
        input('familyAndFriendsCanCollect').checked = details.familyAndFriendsCanCollect;
        hours.fill(details.hours);
      }
      syncReveals(form);
    },
    showErrors(errors) {
      clearErrors();
      showErrors(inFormOrder(errors));
    },
    showIssues(issues) {
      clearErrors();
      showErrors(inFormOrder(errorsFor(issues)));
    },
    placesAll: (issues) => issues.every((issue) => fieldIdFor(issue.path) !== null),
  };
}
