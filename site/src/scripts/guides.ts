/**
 * The emergency guides, listed once: the guide pages, the footer, the offline page and the outlet
 * page all link to them from here, so a renamed guide cannot leave a dead link behind.
 */
import type { KitType } from '@contract/outlet.js';

export interface Guide {
  /** Site path, with the trailing slash the static host serves it under. */
  path: string;
  /** The link text, which is also the page's heading. */
  title: string;
}

export const guidesOverview: Guide = { path: '/how-to-give-naloxone/', title: 'How to give naloxone' };
export const nasalSprayGuide: Guide = { path: '/how-to-give-naloxone/nasal-spray/', title: 'How to give a naloxone nasal spray (Nyxoid)' };
export const injectionGuide: Guide = { path: '/how-to-give-naloxone/injection/', title: 'How to give a naloxone injection (Prenoxad)' };
export const recoveryPositionGuide: Guide = { path: '/how-to-give-naloxone/recovery-position/', title: 'How to put someone in the recovery position' };

/** In the order a person needs them. */
export const guides: readonly Guide[] = [guidesOverview, nasalSprayGuide, injectionGuide, recoveryPositionGuide];

/** The guide for each kit type, for listings that say which kits they give out. */
export const guideForKit: Record<KitType, Guide> = { nasal: nasalSprayGuide, injectable: injectionGuide };

/** Where to find a free kit: the find page. */
export const findPagePath = '/';
