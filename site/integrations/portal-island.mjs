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
 */

/** Each island: its mark, and the modules that belong to it before any copy is made. */
const islands = [
  // The reminder links' page (`/confirm/`) goes with the portal: only outlets open it.
  {
    mark: '?portal',
    owns: (id) => /\/site\/src\/(scripts|pages)\/(portal|confirm)\//.test(id) || /\/site\/src\/layouts\/Portal\.astro/.test(id),
  },
  { mark: '?register', owns: (id) => /\/site\/src\/pages\/register\//.test(id) },
];

/** Vite's own module behind every lazy `import()`; it has no file, so its copy is loaded from it. */
const preloadHelper = '\0vite/preload-helper.js';

/** The island a module belongs to, or one of its copies does; undefined for the public site. */
const islandOf = (id) => islands.find((island) => id.endsWith(island.mark) || island.owns(id));

/**
 * Modules the public pages use too, which an island gets its own copy of. Not Leaflet: a CommonJS
 * module cannot be copied this way, so the find page's map and the registration's share one
 * Leaflet file, loaded only when a map is shown.
 */
const isShared = (id) =>
  /\/site\/src\/scripts\/[^/]+\.ts$/.test(id) || /\/functions\/contract\/[^/]+\.ts$/.test(id) || /\/node_modules\/zod\/.+\.js$/.test(id);

/** @returns {import('vite').Plugin} */
export function portalIsland() {
  return {
    name: 'naloxone-portal-island',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const island = importer ? islandOf(importer) : undefined;
      if (!island) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved?.id === preloadHelper) return `${preloadHelper}${island.mark}`;
      if (!resolved || resolved.external || resolved.id.includes('?') || !isShared(resolved.id)) return resolved;
      return { ...resolved, id: `${resolved.id}${island.mark}` };
    },
    async load(id) {
      const island = islands.find((candidate) => id === `${preloadHelper}${candidate.mark}`);
      if (!island) return null;
      const original = await this.load({ id: preloadHelper });
      return original.code;
    },
  };
}
