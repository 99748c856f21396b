/**
 * What every page of an area dashboard does first (`openSignedInPage` with the area's `?code=`,
 * and "not found" for an area the finder does not know); then it names the area in the page's
 * caption and points the dashboard's links at it.
 */
import { areaCodeSchema } from '@contract/area.js';
import type { MeResponse } from '@contract/me.js';
import { required } from '../../dom.js';
import { showPortalState } from '../page-state.js';
import type { PortalResult } from '../portal-api.js';
import { portalTitle } from '../portal-title.js';
import { type AreaPage, areaPageUrl } from '../portal-urls.js';
import { openSignedInPage } from '../signed-in-page.js';

/** Who is looking at which area. */
export interface AreaPageContext {
  code: string;
  /** "Manchester", or the code itself when the finder has no name for it. */
  name: string;
  me: MeResponse;
}

/** The area's name as the person's own memberships give it, else its code. */
const nameOf = (code: string, me: MeResponse): string => me.areas.find((area) => area.code === code)?.name ?? code;

/**
 * Opens the area page: the context and `load`'s data, or null when a state was shown instead.
 * `known` says whether the finder knows the area at all, from the page's data (an administrator
 * may type any well-formed code; the API answers an unknown one with an empty area).
 */
export async function openAreaPage<T>(
  root: HTMLElement,
  load: (code: string) => Promise<PortalResult<T>>,
  { known = () => true, title }: { known?: (data: T) => boolean; title: string },
): Promise<{ context: AreaPageContext; data: T } | null> {
  const opened = await openSignedInPage(
    root,
    () => areaCodeSchema.safeParse((new URLSearchParams(location.search).get('code') ?? '').trim().toUpperCase()).data ?? null,
    load,
  );
  if (!opened) return null;
  if (!known(opened.data)) {
    showPortalState(root, 'not_found');
    return null;
  }
  const { subject: code, me, data } = opened;
  const context = { code, name: nameOf(code, me), me };
  showAreaFrame(root, context, title);
  return { context, data };
}

/** Names the area in the heading's caption and the title, and points the dashboard's links at it. */
export function showAreaFrame(root: HTMLElement, context: Pick<AreaPageContext, 'code' | 'name'>, title: string): void {
  required<HTMLElement>(root, '[data-area-name]').textContent = context.name;
  for (const link of root.querySelectorAll<HTMLAnchorElement>('[data-area-link]')) {
    link.href = areaPageUrl(link.dataset.areaLink as AreaPage, context.code);
  }
  document.title = portalTitle(`${title}: ${context.name}`);
}
