/**
 * The area's estimate of people who use opiates (with its source and year): what is set now, and
 * the form to set it, checked with the contract's own schema so the messages are word for word
 * the API's. The kits page draws the one-kit-per-person line from it.
 */
import { areaEstimateSchema, type StoredAreaEstimate } from '@contract/area.js';
import { el, required, summaryRow } from '../../dom.js';
import { clearErrors, showErrors } from '../../error-summary.js';
import { bannerHeading, showBanner } from '../banner.js';
import { keepFormDraft, restoreFormDraft } from '../form-draft.js';
import { momentInWords } from '../london-dates.js';
import { showSessionEnded } from '../session-ended.js';
import { setAreaEstimate } from './area-api.js';

const fields = ['peopleUsingOpiates', 'source', 'year'] as const;

/** "7,000 people (2024)". */
export const estimateInWords = (estimate: Pick<StoredAreaEstimate, 'peopleUsingOpiates' | 'year'>): string =>
  `${estimate.peopleUsingOpiates.toLocaleString('en-GB')} ${estimate.peopleUsingOpiates === 1 ? 'person' : 'people'} (${estimate.year})`;

/** The estimate as set, in a summary list; or a sentence saying there is none yet. */
function currentEstimate(estimate: StoredAreaEstimate | null): HTMLElement {
  if (!estimate) return el('p', { 'data-no-estimate': '' }, 'No estimate has been set for this area yet.');
  return el(
    'dl',
    { class: 'app-summary', 'data-estimate': '' },
    summaryRow('People', estimate.peopleUsingOpiates.toLocaleString('en-GB')),
    summaryRow('Year', String(estimate.year)),
    summaryRow('Source', estimate.source),
    summaryRow('Set by', `${estimate.setBy} on ${momentInWords(estimate.setAt)}`),
  );
}

/** Fills the estimate section (`[data-estimate-section]`) and wires its form. */
export function enhanceEstimateSection(section: HTMLElement, code: string, estimate: StoredAreaEstimate | null): void {
  const current = required<HTMLElement>(section, '[data-estimate-current]');
  const form = required<HTMLFormElement>(section, '[data-estimate-form]');
  const banner = required<HTMLElement>(section, '[data-estimate-saved]');
  const problem = required<HTMLElement>(form, '[data-send-problem]');
  const input = (id: (typeof fields)[number]) => required<HTMLInputElement>(form, `#${id}`);
  current.replaceChildren(currentEstimate(estimate));
  if (estimate) {
    input('peopleUsingOpiates').value = String(estimate.peopleUsingOpiates);
    input('source').value = estimate.source;
    input('year').value = String(estimate.year);
  }
  const draftName = `estimate:${code}`;
  restoreFormDraft(form, draftName);

  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    void send().finally(() => {
      sending = false;
    });
  });

  const numberOrText = (text: string): number | string | undefined => (text === '' ? undefined : /^\d[\d,]*$/.test(text) ? Number(text.replace(/,/g, '')) : text);

  async function send(): Promise<void> {
    problem.hidden = true;
    banner.hidden = true;
    const parsed = areaEstimateSchema.safeParse({
      peopleUsingOpiates: numberOrText(input('peopleUsingOpiates').value.trim()),
      source: input('source').value,
      year: numberOrText(input('year').value.trim()),
    });
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((issue) => ({ message: issue.message, fieldId: fieldIdOf(String(issue.path[0] ?? '')) })));
      return;
    }
    clearErrors();
    const result = await setAreaEstimate(code, parsed.data);
    if (result.kind === 'ok') {
      current.replaceChildren(currentEstimate(result.data));
      showBanner(banner, bannerHeading(`Estimate saved: ${estimateInWords(result.data)}`), el('p', {}, 'The kits given out page now measures against it.'));
    } else if (result.kind === 'rejected' && result.body.issues.length > 0) {
      showErrors(result.body.issues.map((issue) => ({ message: issue.message, fieldId: fieldIdOf(issue.path) })));
    } else if (result.kind === 'signed_out') {
      showSessionEnded(problem, () => keepFormDraft(form, draftName), 'this estimate', 'has');
    } else {
      const message =
        result.kind === 'forbidden'
          ? 'Only the area’s commissioner can set its estimate.'
          : result.kind === 'rejected'
            ? result.body.message
            : 'Your connection may have dropped, or the portal is not working right now. Try again.';
      problem.replaceChildren(el('p', {}, el('strong', {}, 'We could not save the estimate. '), message));
      problem.hidden = false;
    }
  }
}

/** The input an issue links to: each field's input has the field's name as its id. */
const fieldIdOf = (path: string): string => ((fields as readonly string[]).includes(path) ? path : 'peopleUsingOpiates');
