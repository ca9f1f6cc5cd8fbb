import { OFFLINE_ASK, type OfflineAnswer } from '../../contracts/offline.ts';
import type { DeckContext, DeckPart } from '../part.ts';

/** Resolves once `<html data-deck-complete="true">`: every face is in, the page has nothing left to fetch. */
function complete(root: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    if (root.dataset.deckComplete === 'true') return resolve();
    const seen = new MutationObserver(() => {
      if (root.dataset.deckComplete !== 'true') return;
      seen.disconnect();
      resolve();
    });
    seen.observe(root, { attributes: true, attributeFilter: ['data-deck-complete'] });
  });
}

/** The next idle moment of the main thread (a task, where the browser has no idle callbacks). */
const idle = () =>
  new Promise<void>((resolve) =>
    'requestIdleCallback' in window
      ? requestIdleCallback(() => resolve(), { timeout: 2000 })
      : setTimeout(resolve, 0),
  );

/** The version whose whole set the worker serves, asked on a channel of its own. */
function ask(worker: ServiceWorker): Promise<OfflineAnswer> {
  const channel = new MessageChannel();
  const answer = new Promise<OfflineAnswer>((resolve) => {
    channel.port1.onmessage = (e: MessageEvent<OfflineAnswer>) => resolve(e.data);
  });
  worker.postMessage(OFFLINE_ASK, [channel.port2]);
  return answer;
}

/** Resolves once a worker controls this page (at once when one does). */
function controlled(): Promise<ServiceWorker> {
  const sw = navigator.serviceWorker;
  if (sw.controller) return Promise.resolve(sw.controller);
  return new Promise((resolve) =>
    sw.addEventListener('controllerchange', () => sw.controller && resolve(sw.controller), { once: true }),
  );
}

/**
 * Offline after the first load: registers the deck's service worker (src/runtime/offline/worker.ts), which keeps
 * the whole build — both language pages, the fonts, the blocks' chunks, images — as one versioned set. Only once
 * the page has everything of its own and the main thread is idle: the worker's downloads never compete with the
 * first slide. `<html data-deck-offline="ready">` and `data-deck-offline-version` say when a worker with a whole
 * set controls the page. A deck built with `offline: false` removes a worker an earlier build left.
 */
export function offline(): DeckPart {
  return {
    name: 'offline',
    setup(ctx: DeckContext) {
      const config = ctx.config.offline;
      // Never under a dev server (import.meta.hot): it serves no worker, and its modules change under the page.
      if (!config || ctx.print || import.meta.env.DEV || import.meta.hot) return;
      if (!('serviceWorker' in navigator) || !/^https?:$/.test(window.location.protocol)) return;
      const root = document.documentElement;
      void complete(root)
        .then(idle)
        .then(async () => {
          const sw = navigator.serviceWorker;
          if (!config.on) {
            const registration = await sw.getRegistration();
            await registration?.unregister();
            return;
          }
          const url = new URL(config.worker, window.location.href);
          await sw.register(url, { scope: new URL('./', url).href, updateViaCache: 'none' });
          const answer = await ask(await controlled());
          if (!answer.version) return;
          root.dataset.deckOfflineVersion = answer.version;
          root.dataset.deckOffline = 'ready';
        })
        .catch((e: unknown) => {
          // The deck works without it (a private window, storage full): say so where tests and tools look.
          root.dataset.deckOffline = 'error';
          console.warn('deck: the offline worker could not be installed:', e);
        });
    },
    teardown() {
      // The worker outlives the page on purpose: it is what keeps the deck offline.
    },
  };
}
