// Astro configuration for the public finder: a static site; all live data comes from the API.
import { defineConfig } from 'astro/config';
import { apiPrefix, embedPrefix, isPortalPath, portalPrefix } from '../functions/contract/web-policy.ts';
import { portalIsland } from './integrations/portal-island.mjs';
import { serviceWorker } from './integrations/service-worker.mjs';

export default defineConfig({
  output: 'static',
  // `/outlet/?id=…` and `/report/` are folders with an index.html, which any static host serves.
  build: { format: 'directory' },
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  integrations: [
    // Offline: the emergency guides, the offline page and the find page's shell.
    serviceWorker({
      savePage: (path) => !isPortalPath(path) && (path === '/' || path === '/offline/' || path.startsWith('/how-to-give-naloxone/')),
      apiPrefix,
      portalPrefix,
      embedPrefix,
    }),
  ],
  vite: {
    // The portal's scripts get their own copies of what they share with the public pages.
    plugins: [portalIsland()],
    build: {
      // Emit every script and asset as its own file: the Content-Security-Policy allows only 'self'
      // for scripts, so nothing may be inlined.
      assetsInlineLimit: 0,
      rollupOptions: {
        onwarn(warning, warn) {
          // zod ships a `@__PURE__` note where Rollup cannot use it; Rollup drops it, harmlessly.
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
          warn(warning);
        },
      },
    },
  },
});
