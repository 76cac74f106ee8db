// Offline use: registers the service worker (sw.js, which scripts/post-build.mjs
// writes with Workbox from the files Trunk built) and tells the app when a new
// version has been fetched, so it offers a reload instead of reloading mid-edit.
// The app calls window.marginaliaUpdate() when the user chooses to reload.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', async () => {
    let registration;
    try {
      registration = await navigator.serviceWorker.register('./sw.js', { scope: './' });
    } catch (error) {
      console.warn('Offline use is not available here:', error);
      return;
    }
    const announce = (worker) => {
      window.marginaliaUpdate = () => {
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        worker.postMessage({ type: 'SKIP_WAITING' });
      };
      window.dispatchEvent(new Event('marginalia-update-ready'));
    };
    if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      });
    });
    // A tab can stay open for days: look for a new version every hour.
    setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
  });
}
