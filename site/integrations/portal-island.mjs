/**
 * Bundles the outlet portal as an island: every module the portal's scripts import from the public
 * site (zod, the contract, `dom.ts`, the error summary…) is a copy of its own, so the public pages'
 * JavaScript stays exactly what it was before the portal existed.
 *
 * Why: Rollup emits a shared module once, with every export any page uses, in a chunk split by
 * which pages import it. Shared with the portal, zod would carry the portal's schema features onto
 * every public page (1.7 KB gzip more), and the public pages' one shared chunk would break into
 * several (more requests), to serve pages a member of the public never opens. The copies cost the
 * portal nothing it would not load anyway.
 *
 * How: an import made by a portal module (a portal page or layout, `src/scripts/portal/`, or a copy)
 * of a public site script, a contract module or zod resolves to the same file with `?portal`
 * appended: a separate module to Vite and Rollup, loaded and compiled exactly as the original.
 * Vite's helper for `import()` (which the find page and the portal both use) is copied the same way.
 *
 * Leaflet is copied too, since the area dashboards have maps: shared with the find page's lazy map,
 * it would become a chunk of its own there. Leaflet and its cluster plugin are CommonJS (UMD),
 * which Vite converts only in files ending `.js`, so their copies are named `….portal-copy.js`
 * (read from the original file), reached through the converter's own wrapper as the originals are,
 * with copies of the converter's helpers; Leaflet's styles, read as text with `?inline`, get
 * `&portal`. This hook runs before the converter's, which would otherwise answer for its helpers.
 */

import { readFile } from 'node:fs/promises';

const copyMark = '?portal';
/** The end of a CommonJS copy's name, in place of `.js`. */
const commonJsCopyMark = '.portal-copy.js';

/**
 * Helper modules with no file, so their copies are loaded from them: Vite's behind every lazy
 * `import()`, and the CommonJS converter's behind Leaflet.
 */
const virtualHelpers = new Set(['\0vite/preload-helper.js', '\0commonjsHelpers.js']);

/** A module of the portal, or a copy made for it. */
const isPortalModule = (id) =>
  id.endsWith(copyMark) ||
  // A CommonJS copy, and the converter's wrappers around it (`…portal-copy.js?commonjs-es-import`).
  id.includes(commonJsCopyMark) ||
  /\/site\/src\/(scripts|pages)\/portal\//.test(id) ||
  /\/site\/src\/layouts\/Portal\.astro/.test(id);

/** Modules the public pages use too, which the portal gets its own copy of. */
const isShared = (id) =>
  (/\/site\/src\/scripts\/[^/]+\.ts$/.test(id) || /\/functions\/contract\/[^/]+\.ts$/.test(id) || /\/node_modules\/zod\/.+\.js$/.test(id));

/** CommonJS modules the public pages use too: Leaflet and its cluster plugin. */
const isSharedCommonJs = (id) => /\/node_modules\/(leaflet|leaflet\.markercluster)\/.+\.js$/.test(id);

/**
 * Stylesheets read as text (`?inline`) that the public pages use too: Leaflet's, which the find
 * page's map and the area dashboards' maps both add with their map.
 */
const isSharedInlineStyle = (id) => /\/node_modules\/(leaflet|leaflet\.markercluster)\/.+\.css\?inline$/.test(id);

/** @returns {import('vite').Plugin} */
export function portalIsland() {
  return {
    name: 'naloxone-portal-island',
    enforce: 'pre',
    resolveId: {
      // Before the CommonJS converter's own `pre` hook.
      order: 'pre',
      async handler(source, importer, options) {
        if (!importer || !isPortalModule(importer)) return null;
        // A copy's own name, as the CommonJS converter's wrapper asks for it: it is no file, and is read by `load`.
        if (source.endsWith(commonJsCopyMark)) return source;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (resolved && virtualHelpers.has(resolved.id)) return `${resolved.id}${copyMark}`;
        // Another query keeps the stylesheet inline (Vite reads `inline` from any position).
        if (resolved && isSharedInlineStyle(resolved.id)) return { ...resolved, id: `${resolved.id}&portal` };
        // Imported from an ES module, a CommonJS module is reached through the converter's wrapper
        // (`\0….js?commonjs-es-import`): the copy gets a wrapper of its own.
        if (resolved && !resolved.external && isSharedCommonJs(resolved.id.replace(/^\0/, '').replace(/\?commonjs-es-import$/, ''))) {
          return { ...resolved, id: resolved.id.replace(/\.js(\?commonjs-es-import)?$/, `${commonJsCopyMark}$1`) };
        }
        if (!resolved || resolved.external || resolved.id.includes('?') || !isShared(resolved.id)) return resolved;
        return { ...resolved, id: `${resolved.id}${copyMark}` };
      },
    },
    async load(id) {
      if (id.endsWith(commonJsCopyMark)) return readFile(id.slice(0, -commonJsCopyMark.length) + '.js', 'utf8');
      const helper = id.endsWith(copyMark) ? id.slice(0, -copyMark.length) : null;
      if (!helper || !virtualHelpers.has(helper)) return null;
      const original = await this.load({ id: helper });
      return original.code;
    },
  };
}
