/**
 * GOV.UK notification banners filled in by a script: a success banner after a record is saved,
 * focused so screen readers read it and keyboard users start from it.
 */
import { el } from '../dom.js';

/** Fills a banner's content (`[data-banner-content]`), shows it and moves focus to it. */
export function showBanner(banner: HTMLElement, ...content: (Node | string)[]): void {
  const target = banner.querySelector<HTMLElement>('[data-banner-content]') ?? banner;
  target.replaceChildren(...content);
  banner.hidden = false;
  banner.focus();
}

/** The bold first line of a banner. */
export const bannerHeading = (text: string): HTMLElement => el('h2', { class: 'app-notification-banner__heading' }, text);
