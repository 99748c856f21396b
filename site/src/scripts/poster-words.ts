/** Words the posters print, shared by their build-time and in-browser halves. */

/** The finder's address as a person types it: `naloxone.example.org`, no scheme, no trailing slash. */
export const finderAddressInWords = (origin: string): string => new URL(origin).host;

/** The QR code's text alternative: where it leads. */
export const posterCodeLabel = (url: string): string => `QR code: opens ${url}`;
