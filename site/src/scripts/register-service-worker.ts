/**
 * Registers the service worker (`public/sw.js`) that keeps the emergency guides readable offline.
 * It waits for `load` so that saving the guides never competes with the page the person asked for.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the site still works online; the guides just are not saved for offline use.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
