import type { RevealApi } from 'reveal.js';

declare global {
  interface Window {
    /** The running deck, exposed for tests, the exporter and the console. */
    Reveal: RevealApi;
  }
}
