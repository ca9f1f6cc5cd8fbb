/** The service worker, at the site's root so that its scope holds every language page. */
export const OFFLINE_WORKER = 'deck-sw.js';

/** The build's offline set: every file a page may ask for, with its content hash (written beside the pages). */
export const OFFLINE_MANIFEST = 'deck-offline.json';

/** What the build writes into the worker and the manifest. */
export interface OfflineSet {
  /** The set's version: a hash of every file's name and content. The worker's cache is named by it. */
  version: string;
  /** Each file, relative to the site's root (`index.html`, `zh-Hant/index.html`, `assets/…`), and its SHA-256 (hex). */
  files: Record<string, string>;
}

/** The question a page asks its worker (on a MessageChannel), and the answer. */
export const OFFLINE_ASK = 'deck-offline?';
export interface OfflineAnswer {
  /** The version whose whole set the worker serves; undefined for the switch-off worker. */
  version: string | undefined;
}
