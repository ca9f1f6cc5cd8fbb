/** reveal.js's print view (`?print-pdf`): the PDF and PNG export, and a browser's own print. */
export const isPrintView = (loc: Location = window.location) => /print-pdf/i.test(loc.search);

/** `?preview`: the deck inside the presenter view's next-slide frame, which neither follows nor shows UI. */
export const isPreview = (loc: Location = window.location) => new URLSearchParams(loc.search).has('preview');

/** `/presenter` (routed by `npm start`) or `?presenter` (works on any static host). */
export const isPresenterView = (loc: Location = window.location) =>
  /\/presenter$/.test(loc.pathname) || new URLSearchParams(loc.search).has('presenter');

/** The folder of this variant's deck page: `/` or `/zh-Hant/`, whether on the deck or the presenter page. */
export const deckDir = (loc: Location = window.location) =>
  loc.pathname.replace(/(presenter|index\.html)$/, '');

/** The audience URL of this variant: on the relay's advertised address when it gave one. */
export function audienceUrl(advertised?: string, loc: Location = window.location): string {
  return new URL(deckDir(loc).replace(/^\//, ''), advertised ?? loc.origin).href;
}
