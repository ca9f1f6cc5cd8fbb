// The deck's service worker (built to deck-sw.js at the site's root by src/node/vite/offline.ts). It imports
// nothing: a module shared with the page would become a chunk it imports, and a classic worker cannot.
import type { OfflineAnswer, OfflineSet } from '../../contracts/offline.ts';

/** What the build writes in place of the placeholder: the set (null: offline is off) and the page's question. */
interface Injected {
  set: OfflineSet | null;
  ask: string;
}
const INJECTED = JSON.parse('__DECK_OFFLINE__') as Injected;

// The worker's globals, which the page's DOM types (the program's lib) do not have.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Promise<Response> | Response): void;
}
interface WorkerMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface WorkerScope {
  readonly location: Location;
  readonly registration: { readonly scope: string; unregister(): Promise<boolean> };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', f: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', f: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', f: (e: WorkerMessageEvent) => void): void;
}
const worker = self as unknown as WorkerScope;

const set = INJECTED.set;
const base = new URL('./', worker.location.href);
/** Caches are the origin's, not the scope's: another deck on the same host keeps its own. */
const prefix = `deck-offline ${base.href} `;
const cacheName = set ? prefix + set.version : undefined;
/** Absolute URL → its expected hash. */
const files = new Map(Object.entries(set?.files ?? {}).map(([f, h]) => [new URL(f, base).href, h]));

/** The set's URL for a request's: no query or hash, a folder is its index.html. */
function keyFor(url: URL): string {
  const key = new URL(url.pathname, url.origin);
  if (key.pathname.endsWith('/')) key.pathname += 'index.html';
  return key.href;
}

/** The presenter page, anything carrying a token: never from the cache (nor put in it). */
function isPrivate(url: URL): boolean {
  return (
    url.searchParams.has('token') || url.searchParams.has('presenter') || /\/presenter$/.test(url.pathname)
  );
}

async function sha256(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches the whole set into a cache of its own, each file checked against the build's hash: a file of another
 * build (the site was rebuilt meanwhile) fails the install, which the browser retries at its next check, so a
 * cache is only ever one build's, whole.
 */
async function install(name: string): Promise<void> {
  const cache = await caches.open(name);
  try {
    await Promise.all(
      [...files].map(async ([url, hash]) => {
        const res = await fetch(url, { cache: 'no-cache' });
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        const body = await res.clone().arrayBuffer();
        if ((await sha256(body)) !== hash) throw new Error(`${url} is not this build's`);
        await cache.put(url, res);
      }),
    );
  } catch (e) {
    await caches.delete(name);
    throw e;
  }
}

worker.addEventListener('install', (event) => {
  event.waitUntil((cacheName ? install(cacheName) : Promise.resolve()).then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith(prefix) && name !== cacheName) await caches.delete(name);
      // The switch-off worker (a deck built with `offline: false`) leaves nothing behind.
      if (!cacheName) await worker.registration.unregister();
      else await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (!cacheName || request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== base.origin || isPrivate(url)) return;
  const key = keyFor(url);
  // Anything else (the relay's probe, /metrics, a file of no build) goes to the network as if there were no worker.
  if (!files.has(key)) return;
  event.respondWith(
    caches
      .open(cacheName)
      .then((cache) => cache.match(key))
      .then((hit) => hit ?? fetch(request)),
  );
});

worker.addEventListener('message', (event) => {
  if (event.data !== INJECTED.ask) return;
  const answer: OfflineAnswer = { version: set?.version };
  event.ports[0]?.postMessage(answer);
});
