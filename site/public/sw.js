/*
 * The service worker. It keeps the emergency guides, the offline page and the find page's shell
 * readable with no connection: someone may open a guide in a basement, a stairwell or a field.
 *
 * - Guides and fingerprinted /_astro/ files: cache first (they only change with a new build, and a
 *   new build brings a new cache).
 * - Other pages: network first, so listings' pages are never stale; the saved copy only offline.
 * - The API (everything under its prefix) is never touched or stored: its answers and URLs hold a
 *   place, a postcode or a signed-in person's records. Only pages and /_astro/ files are ever
 *   stored at run time.
 * - The outlet portal's pages are never touched or stored either: they belong to a signed-in
 *   person, and a shared phone must not show them to the next one offline. Nor is anything a portal
 *   page asks for (its scripts and styles, known by the referrer): the worker may control a portal
 *   tab after a public page installed it, but every request that tab makes goes to the network as
 *   if the worker were not there.
 * - Nor are the embeddable finder's pages (`/embed/`): other sites show it in a frame, where it
 *   never registers the worker, and its framing headers must come from the network as sent.
 * - Pages are stored under their path without the query string, for the same reason.
 *
 * `build` is written in by site/integrations/service-worker.mjs after `astro build`: a version
 * hashed from the built files (so each build gets its own cache and old ones are deleted), the
 * pages and assets to save on install, and the API's, the portal's and the embed's path prefixes from the web
 * policy (`functions/contract/web-policy.ts`). Unbuilt, the prefixes are '', which matches every
 * path: the worker then stays out of everything. Plain JS: the browser loads this file as it is.
 */
const build = { version: 'dev', precache: [], apiPrefix: '', portalPrefix: '', embedPrefix: '' };

const cachePrefix = 'naloxone-finder-';
const cacheName = `${cachePrefix}${build.version}`;
const offlinePage = '/offline/';
const guidesPath = '/how-to-give-naloxone/';

/** Whether a path is `prefix` itself or below it. */
const under = (prefix, url) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`) || prefix === '';

/** Whether a portal page made the request: portal pages send their address to their own origin. */
function fromPortalPage(request) {
  if (!request.referrer) return false;
  try {
    const referrer = new URL(request.referrer);
    return referrer.origin === self.location.origin && under(build.portalPrefix, referrer);
  } catch {
    return false;
  }
}

/** Where a page is stored: its path alone, with the trailing slash the static host adds. */
function pageKey(url) {
  const path = url.pathname.endsWith('/') || /\.[a-z0-9]+$/i.test(url.pathname) ? url.pathname : `${url.pathname}/`;
  return new URL(path, url.origin).href;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll(build.precache);
      // Take over at once: a newer build may carry corrected guidance.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(cachePrefix) && name !== cacheName).map((name) => caches.delete(name)));
      // Control the page that registered us, so a guide read once works offline from then on.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Map tiles, an API on another origin, the API here, the portal and the embed go to the network as if we were not here.
  if (url.origin !== self.location.origin || under(build.apiPrefix, url) || under(build.portalPrefix, url) || under(build.embedPrefix, url)) return;
  if (fromPortalPage(request)) return;

  if (request.mode === 'navigate') {
    event.respondWith(url.pathname.startsWith(guidesPath) ? cacheFirstPage(request, url) : networkFirstPage(request, url));
  } else if (url.pathname.startsWith('/_astro/')) {
    event.respondWith(cacheFirstAsset(request));
  } else {
    // The few other files (icons, the manifest) as saved on install, else from the network.
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
  }
});

/** A response worth keeping: a full, same-origin, successful one that was not redirected. */
const keepable = (response) => response.ok && response.type === 'basic' && !response.redirected;

async function cacheFirstAsset(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (keepable(response)) await cache.put(request, response.clone());
  return response;
}

async function cacheFirstPage(request, url) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(pageKey(url));
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (keepable(response)) await cache.put(pageKey(url), response.clone());
    return response;
  } catch {
    return offline(cache);
  }
}

async function networkFirstPage(request, url) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (keepable(response)) await cache.put(pageKey(url), response.clone());
    return response;
  } catch {
    return (await cache.match(pageKey(url))) ?? offline(cache);
  }
}

async function offline(cache) {
  return (await cache.match(new URL(offlinePage, self.location.origin).href)) ?? Response.error();
}
