/**
 * Bundles the outlet portal, and the registration pages, as islands: every module an island's
 * scripts import from the public site (zod, the contract, `dom.ts`, the error summary…) is a copy of
 * its own, so the find, outlet and report pages' JavaScript stays exactly what it was before either
 * existed.
 *
 * Why: Rollup emits a shared module once, with every export any page uses, in a chunk split by
 * which pages import it. Shared with the portal, zod would carry the portal's schema features onto
 * every public page (1.7 KB gzip more), and the public pages' one shared chunk would break into
 * several (more requests), to serve pages a member of the public never opens. The registration
 * pages would do the same. The copies cost an island nothing it would not load anyway.
 *
 * How: an import made by an island's module (its pages or layout, `src/scripts/portal/`, or a copy)
 * of a public site script, a contract module or zod resolves to the same file with the island's
 * mark (`?portal`, `?register`) appended: a separate module to Vite and Rollup, loaded and compiled
 * exactly as the original. Vite's helper for `import()` (which the find page and the islands use)
 * is copied the same way.
 *
 * The portal copies Leaflet too, since the area dashboards have maps: shared with the find page's
 * lazy map, it would change how that map's chunks are split. (The registration pages share the
 * find page's Leaflet file, loaded only when a map is shown.) Leaflet and its cluster plugin are
 * CommonJS (UMD), which Vite converts only in files ending `.js`, so their copies are named
 * `….portal-copy.js` (read from the original file), reached through the converter's own wrapper as
 * the originals are, with copies of the converter's helpers; Leaflet's styles, read as text with
 * `?inline`, get `&portal`. This hook runs before the converter's, which would otherwise answer for
 * its helpers.
 */

import { readFile } from 'node:fs/promises';

/** The end of a CommonJS copy's name, in place of `.js`: only the portal makes them. */
const commonJsCopyMark = '.portal-copy.js';

/** Each island: its mark, the modules that belong to it before any copy is made, and whether it copies Leaflet. */
const islands = [
  // The reminder links' page (`/confirm/`) goes with the portal: only outlets open it.
  {
    mark: '?portal',
    owns: (id) =>
      // A CommonJS copy, and the converter's wrappers around it (`…portal-copy.js?commonjs-es-import`).
      id.includes(commonJsCopyMark) ||
      /\/site\/src\/(scripts|pages)\/(portal|confirm)\//.test(id) ||
      /\/site\/src\/layouts\/Portal\.astro/.test(id),
    copiesLeaflet: true,
  },
  { mark: '?register', owns: (id) => /\/site\/src\/pages\/register\//.test(id), copiesLeaflet: false },
];

/**
 * Helper modules with no file, so their copies are loaded from them: Vite's behind every lazy
 * `import()`, and the CommonJS converter's behind Leaflet.
 */
const virtualHelpers = new Set(['\0vite/preload-helper.js', '\0commonjsHelpers.js']);

/** The island a module belongs to, or one of its copies does; undefined for the public site. */
const islandOf = (id) => islands.find((island) => id.endsWith(island.mark) || island.owns(id));

/** Modules the public pages use too, which an island gets its own copy of. */
const isShared = (id) =>
  /\/site\/src\/scripts\/[^/]+\.ts$/.test(id) || /\/functions\/contract\/[^/]+\.ts$/.test(id) || /\/node_modules\/zod\/.+\.js$/.test(id);

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
        const island = importer ? islandOf(importer) : undefined;
        if (!island) return null;
        // A copy's own name, as the CommonJS converter's wrapper asks for it: it is no file, and is read by `load`.
        if (island.copiesLeaflet && source.endsWith(commonJsCopyMark)) return source;
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        if (resolved && virtualHelpers.has(resolved.id)) {
          // The registration pages share the converter's helpers with the find page, as they share Leaflet.
          return island.copiesLeaflet || resolved.id === '\0vite/preload-helper.js' ? `${resolved.id}${island.mark}` : resolved;
        }
        if (island.copiesLeaflet) {
          // Another query keeps the stylesheet inline (Vite reads `inline` from any position).
          if (resolved && isSharedInlineStyle(resolved.id)) return { ...resolved, id: `${resolved.id}&portal` };
          // Imported from an ES module, a CommonJS module is reached through the converter's wrapper
          // (`\0….js?commonjs-es-import`): the copy gets a wrapper of its own.
          if (resolved && !resolved.external && isSharedCommonJs(resolved.id.replace(/^\0/, '').replace(/\?commonjs-es-import$/, ''))) {
            return { ...resolved, id: resolved.id.replace(/\.js(\?commonjs-es-import)?$/, `${commonJsCopyMark}$1`) };
          }
        }
        if (!resolved || resolved.external || resolved.id.includes('?') || !isShared(resolved.id)) return resolved;
        return { ...resolved, id: `${resolved.id}${island.mark}` };
      },
    },
    async load(id) {
      if (id.endsWith(commonJsCopyMark)) return readFile(id.slice(0, -commonJsCopyMark.length) + '.js', 'utf8');
      const island = islands.find((candidate) => id.endsWith(candidate.mark));
      const helper = island ? id.slice(0, -island.mark.length) : null;
      if (!helper || !virtualHelpers.has(helper)) return null;
      const original = await this.load({ id: helper });
      return original.code;
    },
  };
}
