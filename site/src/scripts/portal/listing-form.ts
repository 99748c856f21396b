/**
 * The edit form as data: fills it from a listing's values and reads them back, with the id of the
 * input behind each field so an issue from the API or the contract's schema lands on the right one.
 */
import { kitTypeSchema, type Eligibility, type KitType } from '@contract/outlet.js';
import { required } from '../dom.js';
import { syncReveals } from '../conditional-reveal.js';
import { enhanceHoursEditor, type HoursFieldIds, type FormProblem } from '../hours-editor.js';
import { editableFields, type EditableField, type ListingValues } from './listing-values.js';

export interface ListingForm {
  /** Puts `values` into the form; with `fields`, only those (the rest stay as they are). */
  fill(values: ListingValues, fields?: readonly EditableField[]): void;
  /** The form's values; problems the device can see before sending; the inputs behind the hours. */
  read(): { values: ListingValues; problems: FormProblem[]; hoursIds: HoursFieldIds };
}

const eligibilityFlags = ['free', 'noIdNeeded', 'walkIn', 'familyAndFriendsCanCollect'] as const;

const textOrNull = (value: string): string | null => value.trim() || null;

/** Enhances the edit form (`[data-edit-form]`). */
export function enhanceListingForm(form: HTMLFormElement): ListingForm {
  const hours = enhanceHoursEditor(required<HTMLElement>(form, '[data-hours-editor]'));
  const input = (id: string) => required<HTMLInputElement>(form, `#${id}`);
  const textarea = (id: string) => required<HTMLTextAreaElement>(form, `#${id}`);
  const kitBox = (kit: KitType) => required<HTMLInputElement>(form, `input[name="kitTypes"][value="${kit}"]`);
  const statusSection = required<HTMLElement>(form, '[data-status-section]');
  // Kept from the last fill: a withdrawn listing's status is not the form's to change.
  let withdrawn = false;

  function setTextarea(id: string, value: string | null): void {
    const field = textarea(id);
    field.value = value ?? '';
    // The character count listens for input.
    field.dispatchEvent(new Event('input'));
  }

  const fillers: Record<EditableField, (values: ListingValues) => void> = {
    status(values) {
      withdrawn = values.status === 'inactive';
      required<HTMLElement>(statusSection, '[data-status-withdrawn]').hidden = !withdrawn;
      required<HTMLElement>(statusSection, '[data-status-question]').hidden = withdrawn;
      input(values.status === 'temporarily_closed' ? 'status-temporarily_closed' : 'status').checked = true;
    },
    reopensOn: (values) => (input('reopensOn').value = values.reopensOn ?? ''),
    alert: (values) => setTextarea('alert', values.alert),
    hours: (values) => hours.fill(values.hours),
    kitTypes(values) {
      for (const kit of kitTypeSchema.options) kitBox(kit).checked = values.kitTypes.includes(kit);
    },
    eligibility(values) {
      for (const flag of eligibilityFlags) input(`eligibility-${flag}`).checked = values.eligibility[flag];
      input('eligibility-minimumAge').value = values.eligibility.minimumAge === null ? '' : String(values.eligibility.minimumAge);
    },
    phone: (values) => (input('phone').value = values.phone ?? ''),
    website: (values) => (input('website').value = values.website ?? ''),
    languages: (values) => (input('languages').value = values.languages.join(', ')),
    accessibility: (values) => setTextarea('accessibility', values.accessibility),
  };

  return {
    fill(values, fields = editableFields) {
      for (const field of fields) fillers[field](values);
      syncReveals(form);
    },
    read() {
      const problems: FormProblem[] = [];
      const readHours = hours.read();
      problems.push(...readHours.problems);
      const closed = input('status-temporarily_closed').checked;
      const ageText = input('eligibility-minimumAge').value.trim();
      const age = ageText === '' ? null : Number(ageText);
      if (age !== null && (!Number.isInteger(age) || age < 0 || age > 25)) {
        problems.push({ field: 'eligibility', fieldId: 'eligibility-minimumAge', message: 'Enter a minimum age from 0 to 25, or leave it empty' });
      }
      const eligibility: Eligibility = {
        free: input('eligibility-free').checked,
        noIdNeeded: input('eligibility-noIdNeeded').checked,
        walkIn: input('eligibility-walkIn').checked,
        familyAndFriendsCanCollect: input('eligibility-familyAndFriendsCanCollect').checked,
        minimumAge: age !== null && Number.isInteger(age) ? age : null,
      };
      const values: ListingValues = {
        status: withdrawn ? 'inactive' : closed ? 'temporarily_closed' : 'active',
        // The date only counts while "temporarily closed" is chosen; otherwise it is hidden.
        reopensOn: closed && !withdrawn ? input('reopensOn').value || null : null,
        alert: textOrNull(textarea('alert').value),
        hours: readHours.hours,
        kitTypes: kitTypeSchema.options.filter((kit) => kitBox(kit).checked),
        eligibility,
        phone: textOrNull(input('phone').value),
        website: textOrNull(input('website').value),
        languages: input('languages')
          .value.split(',')
          .map((language) => language.trim())
          .filter(Boolean),
        accessibility: textOrNull(textarea('accessibility').value),
      };
      return { values, problems, hoursIds: readHours.ids };
    },
  };
}
