import { type CompileHost, checkDeckFile, NOT_FOUND } from './host.ts';
import { dirname, isExternalUrl, normalize, resolveFrom } from './paths.ts';
import { suggest } from './suggest.ts';

/** Attributes holding one local URL: Vite's HTML asset attributes, reveal.js's backgrounds and lazy `data-src`. */
const URL_ATTRS = new Set([
  'src',
  'href',
  'poster',
  'data',
  'xlink:href',
  'background',
  'data-src',
  'data-background-image',
  'data-background-video',
  'data-background-iframe',
]);
const SRCSET_ATTRS = new Set(['srcset', 'imagesrcset', 'data-srcset']);
/** reveal.js's `data-background` holds a colour or a file; a value ending in a file extension is a file. */
const FILE_LIKE = /\.[a-z0-9]{2,5}(?:[?#].*)?$/i;
const VIDEO = /\.(?:mp4|webm|ogv|ogg|mov|m4v)(?:[?#].*)?$/i;

const TAG = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s"'=<>/]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;
const STYLE_ELEMENT = /(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi;

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** A local URL of a slide that points at no file the deck may use. */
export interface RefProblem {
  /** The URL as written. */
  ref: string;
  message: string;
  severity: 'error' | 'warning';
}

const isLocal = (ref: string) =>
  ref !== '' && !isExternalUrl(ref) && !ref.startsWith('data:') && !ref.startsWith('blob:');

/** The file part of a local URL, percent-decoded (`%20` is a space); a malformed escape is kept as written. */
function filePart(ref: string): { file: string; rest: string } {
  const cut = ref.search(/[?#]/);
  const raw = cut < 0 ? ref : ref.slice(0, cut);
  const rest = cut < 0 ? '' : ref.slice(cut);
  try {
    return { file: decodeURIComponent(raw), rest };
  } catch {
    return { file: raw, rest };
  }
}

/** A path as a URL path: each segment percent-encoded where a URL needs it (spaces, `%`, `#`, `?`). */
const toUrl = (path: string) => encodeURI(path).replace(/[?#]/g, encodeURIComponent);

/**
 * Resolves every local URL a slide's HTML names — raw-HTML `src`, `srcset`, `poster`, reveal.js's
 * `data-background-*` and `data-src`, CSS `url()` in `style` attributes and `<style>` elements — relative to the
 * markdown file that names it, as `![](…)` is, and rewrites it from the project root, where the build finds and
 * bundles it. A root-relative URL (`/logo.png`) names a file in `public/` (served as it is) or, failing that, one
 * from the project root. A URL that leads to no file is a problem, with the nearest file name as a "did you
 * mean"; one that only the deck folder resolves still works, with a warning that says how to write it.
 * Links (`<a href>`) are not files of the deck and are left alone.
 */
export function resolveSlideRefs(
  html: string,
  file: string,
  host: CompileHost,
  publicDir = 'public',
): { html: string; problems: RefProblem[] } {
  const problems: RefProblem[] = [];
  const seen = new Map<string, string>();

  const resolve = (ref: string): string => {
    if (!isLocal(ref)) return ref;
    const known = seen.get(ref);
    if (known !== undefined) return known;
    const out = resolveOne(ref);
    seen.set(ref, out);
    return out;
  };

  const resolveOne = (ref: string): string => {
    const { file: path, rest } = filePart(ref);
    if (path === '') return ref; // `?x` or `#x`: the page itself
    if (path.startsWith('/')) {
      const inPublic = normalize(`${publicDir}/${path.slice(1)}`);
      if (!inPublic.startsWith('../') && checkDeckFile(host, inPublic) === undefined) return ref;
      const fromRoot = resolveFrom(file, path);
      const problem = checkDeckFile(host, fromRoot);
      if (problem === undefined) return ref;
      problems.push({
        ref,
        severity: 'error',
        message: missing(ref, `${inPublic} or ${fromRoot}`, problem, fromRoot),
      });
      return ref;
    }
    const fromFile = resolveFrom(file, path);
    const problem = checkDeckFile(host, fromFile);
    if (problem === undefined) return `/${toUrl(fromFile)}${rest}`;
    // What the deck folder resolves (how raw HTML was read before): kept working, with the fix named.
    const fromRoot = resolveFrom('index.html', path);
    const rootProblem =
      problem === NOT_FOUND && fromRoot !== fromFile ? checkDeckFile(host, fromRoot) : NOT_FOUND;
    if (rootProblem !== undefined && rootProblem !== NOT_FOUND) {
      problems.push({ ref, severity: 'error', message: `"${ref}" (${fromRoot}) ${rootProblem}` });
      return ref;
    }
    if (rootProblem === undefined) {
      const relative = relativePath(dirname(file), fromRoot);
      problems.push({
        ref,
        severity: 'warning',
        message: `"${ref}" is read from the deck folder (${fromRoot}); a URL in a slide is relative to its markdown file: write "${relative}"`,
      });
      return `/${toUrl(fromRoot)}${rest}`;
    }
    problems.push({ ref, severity: 'error', message: missing(ref, fromFile, problem, fromFile) });
    return ref;
  };

  const missing = (ref: string, lookedFor: string, problem: string, path: string): string => {
    if (problem !== NOT_FOUND) return `"${ref}" (${path}) ${problem}`;
    const near = nearFile(host, path);
    const hint = near ? `; did you mean "${relativePath(dirname(file), near)}"?` : '';
    return `"${ref}" not found (looked for ${lookedFor})${hint}: fix the path, relative to ${file}, or put files served as they are in ${publicDir}/ and write "/name"`;
  };

  const css = (text: string) =>
    text.replace(CSS_URL, (whole, ...groups: (string | undefined)[]) => {
      const value = groups.slice(0, 5).find((g) => g !== undefined);
      if (value === undefined) return whole;
      const out = resolve(value);
      return out === value ? whole : whole.replace(value, out);
    });

  const rewritten = html
    .replace(STYLE_ELEMENT, (_, open: string, body: string, close: string) => `${open}${css(body)}${close}`)
    .replace(TAG, (tag, name: string, attrs: string) => {
      const element = name.toLowerCase();
      if (element === 'a' || element === 'style') return tag;
      const out = attrs.replace(
        ATTR,
        (whole, key: string, eq: string, dq?: string, sq?: string, bare?: string) => {
          const attr = key.toLowerCase();
          const value = unescapeHtml(dq ?? sq ?? bare ?? '');
          let next = value;
          let outName = key;
          if (attr === 'style') next = css(value);
          else if (SRCSET_ATTRS.has(attr)) next = srcset(value, resolve);
          else if (
            attr === 'data-background' &&
            element === 'section' &&
            isLocal(value) &&
            FILE_LIKE.test(value)
          ) {
            // reveal.js's shorthand, spelled out so the build bundles the file like any background.
            outName = VIDEO.test(value) ? 'data-background-video' : 'data-background-image';
            next = resolve(value);
          } else if (attr === 'data-background-video')
            next = value
              .split(',')
              .map((v) => resolve(v.trim()))
              .join(',');
          else if (
            URL_ATTRS.has(attr) &&
            !(attr === 'href' && element !== 'link' && element !== 'use' && element !== 'image')
          )
            next = resolve(value);
          if (next === value && outName === key) return whole;
          return `${outName}${eq}"${escapeAttr(next)}"`;
        },
      );
      return out === attrs ? tag : `<${name}${out}>`;
    });
  return { html: rewritten, problems };
}

function srcset(value: string, resolve: (ref: string) => string): string {
  return value
    .split(',')
    .map((candidate) => {
      const m = /^(\s*)(\S+)(.*)$/s.exec(candidate);
      return m ? `${m[1]}${resolve(m[2]!)}${m[3]}` : candidate;
    })
    .join(',');
}

/** `to` (from the project root) as written from folder `from`. */
function relativePath(from: string, to: string): string {
  const a = from === '.' ? [] : from.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** The file of the same folder whose name is nearest to the missing one's, if the host can list folders. */
function nearFile(host: CompileHost, path: string): string | undefined {
  const dir = dirname(path);
  const names = host.list?.(dir === '.' ? '' : dir);
  if (!names) return undefined;
  const base = path.slice(dir === '.' ? 0 : dir.length + 1);
  const [near] = suggest(base, names);
  return near === undefined ? undefined : dir === '.' ? near : `${dir}/${near}`;
}
