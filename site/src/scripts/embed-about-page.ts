/**
 * The "Put this finder on your website" page: when the build did not know the finder's address
 * (`PUBLIC_SITE_URL`), the snippet uses the address this page was opened at.
 */
import { siteUrl } from './config.js';
import { embedSnippet } from './embed-snippet.js';

export function enhanceEmbedAbout(root: ParentNode): void {
  const code = root.querySelector<HTMLElement>('[data-embed-snippet]');
  if (code && !siteUrl) code.textContent = embedSnippet(location.origin);
}
