/** The HTML another site pastes to show the embeddable finder, shared by the build and the page's script. */
import { embedUrl } from './site-urls.js';

/**
 * An `<iframe>` of the embed page at `origin`. `allow="geolocation"` lets "Use my location" ask
 * the person (browsers refuse it in a cross-origin frame otherwise); the title names the frame
 * for screen readers.
 */
export const embedSnippet = (origin: string): string =>
  `<iframe src="${new URL(embedUrl, origin).href}" title="Find free naloxone near you" width="100%" height="700" style="border: 0; max-width: 640px" allow="geolocation" loading="lazy"></iframe>`;
