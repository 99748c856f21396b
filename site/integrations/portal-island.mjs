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
 */

const copyMark = '?portal';

/** Vite's own module behind every lazy `import()`; it has no file, so its copy is loaded from it. */
const preloadHelper = '\0vite/preload-helper.js';

/**
 * A module of the portal, or a copy made for it. The reminder links' page (`/confirm/`) is an island
 * too: only outlets open it, so the public pages should not carry what it needs.
 */
const isPortalModule = (id) =>
  id.endsWith(copyMark) || /\/site\/src\/(scripts|pages)\/(portal|confirm)\//.test(id) || /\/site\/src\/layouts\/Portal\.astro/.test(id);

/** Modules the public pages use too, which the portal gets its own copy of. */
const isShared = (id) =>
  (/\/site\/src\/scripts\/[^/]+\.ts$/.test(id) || /\/functions\/contract\/[^/]+\.ts$/.test(id) || /\/node_modules\/zod\/.+\.js$/.test(id));

/** @returns {import('vite').Plugin} */
export function portalIsland() {
  return {
    name: 'naloxone-portal-island',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !isPortalModule(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved?.id === preloadHelper) return `${preloadHelper}${copyMark}`;
      if (!resolved || resolved.external || resolved.id.includes('?') || !isShared(resolved.id)) return resolved;
      return { ...resolved, id: `${resolved.id}${copyMark}` };
    },
    async load(id) {
      if (id !== `${preloadHelper}${copyMark}`) return null;
      const original = await this.load({ id: preloadHelper });
      return original.code;
    },
  };
}
