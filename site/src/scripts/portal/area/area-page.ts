/**
 * What every page of an area dashboard does first: read `?code=`, check there is a session, load
 * who the person is (`GET /api/me`) and the page's own data side by side, and show the right state
 * when any of it fails (signed out, no access to this area, not found, not working). Then it names
 * the area in the page's caption and points the dashboard's links at it.
 */
import { areaCodeSchema } from '@contract/area.js';
import type { MeResponse } from '@contract/me.js';
import { required } from '../../dom.js';
import { stateOf } from '../listing-page.js';
import { showPortalState, stopLoading } from '../page-state.js';
import { getMe, type PortalResult } from '../portal-api.js';
import { showSignedInPerson } from '../portal-header.js';
import { portalTitle } from '../portal-title.js';
import { type AreaPage, areaPageUrl } from '../portal-urls.js';
import { currentSession, endSession, hasExpired, rememberLabel } from '../session.js';

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
  const session = currentSession();
  if (!session) {
    showPortalState(root, 'signed_out');
    return null;
  }
  if (hasExpired(session) && !session.refreshToken) {
    endSession();
    showPortalState(root, 'session_ended');
    return null;
  }
  const code = areaCodeSchema.safeParse((new URLSearchParams(location.search).get('code') ?? '').trim().toUpperCase());
  if (!code.success) {
    showPortalState(root, 'not_found');
    return null;
  }

  const [me, data] = await Promise.all([getMe(), load(code.data)]);
  // The area's own answer says most (403); a failed "who am I" alone means not working.
  const failed = data.kind !== 'ok' ? data : me.kind !== 'ok' ? me : null;
  if (failed) {
    showPortalState(root, stateOf(failed));
    return null;
  }
  if (me.kind !== 'ok' || data.kind !== 'ok') return null;
  if (!known(data.data)) {
    showPortalState(root, 'not_found');
    return null;
  }
  stopLoading(root);
  rememberLabel(me.data.label);
  showSignedInPerson(me.data.label);
  const context = { code: code.data, name: nameOf(code.data, me.data), me: me.data };
  showAreaFrame(root, context, title);
  return { context, data: data.data };
}

/** Names the area in the heading's caption and the title, and points the dashboard's links at it. */
export function showAreaFrame(root: HTMLElement, context: Pick<AreaPageContext, 'code' | 'name'>, title: string): void {
  required<HTMLElement>(root, '[data-area-name]').textContent = context.name;
  for (const link of root.querySelectorAll<HTMLAnchorElement>('[data-area-link]')) {
    link.href = areaPageUrl(link.dataset.areaLink as AreaPage, context.code);
  }
  document.title = portalTitle(`${title}: ${context.name}`);
}
