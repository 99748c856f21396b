// Astro configuration for the public finder: a static site; all live data comes from the API.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  // `/outlet/?id=…` and `/report/` are folders with an index.html, which any static host serves.
  build: { format: 'directory' },
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Emit every script and asset as its own file: the Content-Security-Policy allows only 'self'
      // for scripts, so nothing may be inlined.
      assetsInlineLimit: 0,
    },
  },
});
