import { type CompileHost, checkDeckFile, NOT_FOUND } from './host.ts';
import { isExternalUrl, resolveFrom } from './paths.ts';

/** Attributes whose local URLs Vite's build reads and bundles (its HTML asset attributes, and more to be safe). */
const ASSET_ATTRS = new Set(['src', 'href', 'srcset', 'poster', 'data', 'xlink:href', 'background']);
const TAG = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;
const STYLE_ELEMENT = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export function cssUrls(css: string): string[] {
  return [...css.matchAll(CSS_URL)].map((m) => m.slice(1).find((x) => x !== undefined) ?? '');
}

/**
 * The local URLs in a slide's HTML that a build would read from disk: asset attributes (`<img src>`,
 * `<video poster>`, `srcset`, `<link href>` …), `url()` in `style` attributes and `<style>` elements.
 * Links (`<a href>`) are not read by the build and are left alone.
 */
export function localRefs(html: string): string[] {
  const refs: string[] = [];
  for (const tag of html.matchAll(TAG)) {
    if (tag[1]!.toLowerCase() === 'a') continue;
    for (const attr of (tag[2] ?? '').matchAll(ATTR)) {
      const name = attr[1]!.toLowerCase();
      const value = unescapeHtml(attr[2] ?? attr[3] ?? attr[4] ?? '');
      if (name === 'style') refs.push(...cssUrls(value));
      else if (name === 'srcset') refs.push(...value.split(',').map((s) => s.trim().split(/\s+/)[0] ?? ''));
      else if (ASSET_ATTRS.has(name)) refs.push(value);
    }
  }
  for (const style of html.matchAll(STYLE_ELEMENT)) refs.push(...cssUrls(style[1] ?? ''));
  return refs.filter((r) => r !== '' && !isExternalUrl(r) && !r.startsWith('data:'));
}

/**
 * Checks every local URL of a slide's HTML the way the build would resolve it (from the page, at the project
 * root): one that leads out of the project, or to a folder, device or oversized file, is a problem. A missing
 * file is not: Vite leaves such a URL alone.
 */
export function refusedRefs(
  html: string,
  host: CompileHost,
): { ref: string; path: string; problem: string }[] {
  const out: { ref: string; path: string; problem: string }[] = [];
  for (const ref of new Set(localRefs(html))) {
    let decoded = ref.split(/[?#]/)[0] ?? '';
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // a malformed escape: check it as written
    }
    const path = resolveFrom('index.html', decoded);
    const problem = checkDeckFile(host, path);
    if (problem && problem !== NOT_FOUND) out.push({ ref, path, problem });
  }
  return out;
}
