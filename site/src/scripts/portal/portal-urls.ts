/**
 * The outlet portal's page addresses, built in one place so a moved page cannot leave a dead link,
 * and the one check on where a person may be sent back to after signing in.
 */
import { portalCallbackPath, portalPrefix, portalSignedOutPath } from '@contract/web-policy.js';

/** The portal's first screen: the person's listings. */
export const portalHomePath = `${portalPrefix}/`;

/** Where the sign-in service sends people back with the sign-in code (registered with it as such). */
export const callbackPath = portalCallbackPath;

/** Where the sign-in service sends people after signing out. */
export const signedOutPath = portalSignedOutPath;

/** The pages of one listing, by what they are for. */
export type ListingPage = 'overview' | 'edit' | 'kits' | 'batches' | 'history' | 'reports';

const listingPagePaths: Record<ListingPage, string> = {
  overview: `${portalPrefix}/outlet/`,
  edit: `${portalPrefix}/outlet/edit/`,
  kits: `${portalPrefix}/outlet/kits/`,
  batches: `${portalPrefix}/outlet/batches/`,
  history: `${portalPrefix}/outlet/history/`,
  reports: `${portalPrefix}/outlet/reports/`,
};

/** A listing's page in the portal: `/portal/outlet/kits/?id=FM664`. */
export const listingPageUrl = (page: ListingPage, id: string): string => `${listingPagePaths[page]}?id=${encodeURIComponent(id)}`;

/** The registrations waiting for a decision, or (`decided`) those decided. */
export const registrationsUrl = (queue: 'open' | 'decided' = 'open'): string =>
  queue === 'open' ? `${portalPrefix}/registrations/` : `${portalPrefix}/registrations/?queue=decided`;

/** One registration, to read and decide on. */
export const registrationPageUrl = (id: string): string => `${portalPrefix}/registrations/review/?id=${encodeURIComponent(id)}`;

/**
 * The page to return to after signing in: a portal page on this origin, never the callback or
 * signed-out pages (which would loop) and never anywhere else (an open redirect).
 */
export function safeReturnPath(candidate: string | null | undefined, origin: string = location.origin): string {
  if (!candidate) return portalHomePath;
  let url: URL;
  try {
    url = new URL(candidate, origin);
  } catch {
    return portalHomePath;
  }
  const inPortal = url.pathname === portalPrefix || url.pathname.startsWith(`${portalPrefix}/`);
  const loops = url.pathname.startsWith(callbackPath) || url.pathname.startsWith(signedOutPath);
  if (url.origin !== origin || !inPortal || loops) return portalHomePath;
  return `${url.pathname}${url.search}`;
}
