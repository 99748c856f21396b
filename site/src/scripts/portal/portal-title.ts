/** Page titles in the outlet portal: "Your listings – Outlet portal – Find free naloxone". */
import { pageTitle } from '../page-title.js';

export const portalName = 'Outlet portal';

/** A portal page's `<title>`: its own title, the portal's name, then the site's. */
export const portalTitle = (title: string): string => pageTitle(`${title} – ${portalName}`);
