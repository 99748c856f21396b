/** The site's own page addresses, built in one place so a moved page cannot leave a dead link. */

/** The full listing of one place. */
export const outletPageUrl = (id: string): string => `/outlet/?id=${encodeURIComponent(id)}`;

/** The form to report a problem with one listing. */
export const reportPageUrl = (id: string): string => `/report/?id=${encodeURIComponent(id)}`;

/** The printable poster of one place ("Free naloxone here"). */
export const outletPosterUrl = (id: string): string => `/poster/outlet/?id=${encodeURIComponent(id)}`;

/** The list of area posters, and one local authority's ("Free naloxone near here"), by ONS code. */
export const areaPostersUrl = '/poster/area/';
export const areaPosterUrl = (code: string): string => `${areaPostersUrl}${encodeURIComponent(code)}/`;

/**
 * The find page's search around a point that is not the person's (an area's centre): the find
 * page runs it and, as with any link holding coordinates, moves them out of the address bar.
 */
export const searchNearUrl = (lat: string, lng: string): string => `/?${new URLSearchParams({ lat, lng })}`;

/** The embeddable finder and the page that says how to embed it. */
export const embedUrl = '/embed/';
export const embedAboutUrl = '/embed/about/';
