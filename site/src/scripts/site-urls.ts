/** The site's own page addresses, built in one place so a moved page cannot leave a dead link. */

/** The full listing of one place. */
export const outletPageUrl = (id: string): string => `/outlet/?id=${encodeURIComponent(id)}`;

/** The form to report a problem with one listing. */
export const reportPageUrl = (id: string): string => `/report/?id=${encodeURIComponent(id)}`;
