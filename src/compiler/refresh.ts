const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*`;
/** A `<meta>` tag whose `http-equiv` is `refresh`, quoted or not, in any case. */
const REFRESH = new RegExp(
  `<meta\\b${ATTRS}?\\shttp-equiv\\s*=\\s*(?:"\\s*refresh\\s*"|'\\s*refresh\\s*'|refresh(?=[\\s/>]))${ATTRS}>`,
  'gi',
);

/**
 * The `<meta http-equiv="refresh">` tags of a slide's HTML, as written. One sends the page to another address
 * (or reloads it) when it loads: the audience loses the deck, and an export's page is gone; the deck's CSP
 * does not cover navigations. Code shown in a slide is escaped by then, so it never matches.
 */
export function refreshTags(html: string): string[] {
  return [...html.matchAll(REFRESH)].map((m) => m[0]);
}

export const REFRESH_REFUSED =
  '<meta http-equiv="refresh"> sends the page elsewhere as it loads (the audience loses the deck, an export stops): remove it, and link with <a href> instead';
