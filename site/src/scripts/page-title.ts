/** The site's name, and page titles built from it ("Page not found – Find free naloxone"). */

export const siteName = 'Find free naloxone';

/** A page's `<title>`: its own title, then the site name. */
export const pageTitle = (title: string): string => `${title} – ${siteName}`;
