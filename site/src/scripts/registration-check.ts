/**
 * The "check your answers" step of a registration (`components/RegistrationCheck.astro`): the place
 * in words, the map only when asked for (loaded then, like the find page's), who will check it, each
 * answer with a link back to its question, and the send button, which ignores more presses while a
 * send is on its way and says plainly when one fails, keeping everything as it was.
 */
import type { RegistrationDetails, RegistrationPlace } from '@contract/registration.js';
import { registrationBasisWords } from '@contract/registration.js';
import { tileUrl } from './config.js';
import { el, hiddenText, required, summaryRow } from './dom.js';
import { kitTypesInWords } from './format.js';
import { hoursInWords } from './hours-words.js';
import type { PlaceMap } from './place-map.js';

export interface RegistrationCheckOptions {
  /** The person chose to change an answer: the id of its input. */
  onChange(fieldId: string): void;
  /** Sends the registration; resolves to false when it could not be sent (the step says so). */
  onSend(): Promise<boolean>;
}

export interface RegistrationCheck {
  /** Fills the step with these answers and where their postcode puts the place, and shows it. */
  show(details: RegistrationDetails, place: RegistrationPlace): void;
  hide(): void;
  /** Says why sending failed, next to the button. */
  sendFailed(message: string): void;
}

/** "The naloxone commissioner for Trafford…", or why the administrators will. */
export function reviewerInWords(place: RegistrationPlace): string {
  if (place.reviewer === 'commissioner' && place.localAuthority) {
    const area = place.localAuthority.name ?? place.localAuthority.code;
    return `The naloxone commissioner for ${area} (the council or NHS team that pays for naloxone there) will check it.`;
  }
  return 'We do not know which council area the postcode is in, so the finder’s administrators will check it and pass it on to the right commissioner.';
}

/** Whether we found the postcode itself, or only its district. */
export function locationNote(place: RegistrationPlace): string {
  if (place.locationSource === 'postcode') return `We found the postcode ${place.postcode}.`;
  const district = place.postcode.split(' ')[0] ?? place.postcode;
  return `We could not find the postcode ${place.postcode} itself, only its area (${district}). If it is new, that is fine: the person who checks your registration will confirm where the place is. If it is wrong, change it.`;
}

export function enhanceRegistrationCheck(root: HTMLElement, options: RegistrationCheckOptions): RegistrationCheck {
  const step = required<HTMLElement>(root, '[data-register-step="check"]');
  const answers = required<HTMLElement>(step, '[data-check-answers]');
  const sendButton = required<HTMLButtonElement>(step, '[data-send]');
  const problem = required<HTMLElement>(step, '[data-send-problem]');
  const toggle = required<HTMLButtonElement>(step, '[data-place-map-toggle]');
  const panel = required<HTMLElement>(step, '[data-place-map-panel]');
  const container = required<HTMLElement>(step, '[data-place-map]');
  const mapFailed = required<HTMLElement>(step, '[data-place-map-failed]');
  let place: RegistrationPlace | null = null;
  let map: Promise<PlaceMap | null> | null = null;
  let sending = false;

  const loadMap = () =>
    (map ??= import('./place-map.js')
      .then(({ createPlaceMap }) => createPlaceMap(container, tileUrl))
      .catch(() => {
        map = null;
        return null;
      }));

  async function showMap(): Promise<void> {
    const loaded = await loadMap();
    container.hidden = !loaded;
    mapFailed.hidden = Boolean(loaded);
    if (loaded && place && !panel.hidden) {
      loaded.refresh();
      loaded.show(place);
    }
  }

  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    toggle.textContent = panel.hidden ? 'Show on a map' : 'Hide the map';
    if (!panel.hidden) void showMap();
  });

  sendButton.addEventListener('click', () => {
    if (sending) return;
    sending = true;
    sendButton.setAttribute('aria-disabled', 'true');
    problem.hidden = true;
    void options.onSend().finally(() => {
      sending = false;
      sendButton.removeAttribute('aria-disabled');
    });
  });

  /** A row with a "Change" link back to its question, named for screen readers. */
  const row = (term: string, value: string, fieldId: string) => {
    const link = el('a', { href: `#${fieldId}`, class: 'app-check__change' }, 'Change', hiddenText(` ${term.toLowerCase()}`));
    link.addEventListener('click', (event) => {
      event.preventDefault();
      options.onChange(fieldId);
    });
    return summaryRow(term, el('span', { class: 'app-check__value' }, value), ' ', link);
  };

  return {
    show(details, where) {
      place = where;
      required<HTMLElement>(step, '[data-check-address]').textContent = [details.addressLine1, details.addressLine2, details.town, where.postcode].filter(Boolean).join(', ');
      required<HTMLElement>(step, '[data-check-location-note]').textContent = locationNote(where);
      required<HTMLElement>(step, '[data-check-reviewer]').textContent = reviewerInWords(where);
      const rows = [
        row('Registering', details.kind === 'cabinet' ? 'An emergency naloxone cabinet' : 'A place where staff hand out kits', 'kind'),
        row('Organisation', details.organisation, 'organisation'),
        row('Name', details.name, 'name'),
        ...(details.kind === 'outlet' ? [row('Who hands it out', registrationBasisWords[details.basis].label, 'basis')] : []),
        row('Address', [details.addressLine1, details.addressLine2, details.town, where.postcode].filter(Boolean).join(', '), 'addressLine1'),
        ...(details.kind === 'cabinet' ? [row('Where exactly', details.locationDescription, 'locationDescription')] : []),
        row('Phone', details.phone ?? 'None given', 'phone'),
        ...(details.kind === 'outlet' ? [row('Website', details.website ?? 'None given', 'website')] : []),
        row('Kits', kitTypesInWords(details.kitTypes), 'kitTypes'),
        row('Opening hours', details.kind === 'cabinet' ? 'Open 24 hours, every day' : hoursInWords(details.hours), details.kind === 'cabinet' ? 'kind' : 'day-monday'),
        row('Your name', details.contactName, 'contactName'),
        row('Your email', details.contactEmail, 'contactEmail'),
      ];
      answers.replaceChildren(...rows);
      problem.hidden = true;
      step.hidden = false;
      if (!panel.hidden) void showMap();
    },
    hide() {
      step.hidden = true;
    },
    sendFailed(message) {
      problem.replaceChildren(el('p', {}, el('strong', {}, 'Sorry, we could not send it. '), message));
      problem.hidden = false;
    },
  };
}
