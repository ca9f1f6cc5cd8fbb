import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { NOT_FOUND, OUTSIDE } from '../compiler/host.ts';
import { isExternalUrl, outsideRoot, resolveFrom } from '../compiler/paths.ts';
import { open } from '../node/open.ts';

const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;

const cssUrls = (css: string) =>
  [...css.matchAll(CSS_URL)].map((m) => m.slice(1).find((x) => x !== undefined) ?? '');

/**
 * The `url()` and `@import` references of the theme, and of the stylesheets it imports, that the build would
 * read from outside the deck folder (links resolved), each as [reference, stylesheet, why].
 */
export function themeRefs(realRoot: string, root: string, theme: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  const queue = [theme];
  const seen = new Set<string>();
  for (let css = queue.shift(); css !== undefined; css = queue.shift()) {
    if (seen.has(css)) continue;
    seen.add(css);
    const opened = open(realRoot, root, css);
    if ('problem' in opened) continue; // the theme itself is checked above; an import that is missing is Vite's
    for (const ref of cssUrls(readFileSync(opened.file, 'utf8'))) {
      if (isExternalUrl(ref) || ref.startsWith('data:')) continue;
      let decoded = ref.split(/[?#]/)[0] ?? '';
      try {
        decoded = decodeURIComponent(decoded);
      } catch {
        // a malformed escape: checked as written
      }
      const path = resolveFrom(css, decoded);
      const problem = outsideRoot(path) ? OUTSIDE : open(realRoot, root, path);
      if (typeof problem === 'string') out.push([ref, css, problem]);
      else if ('problem' in problem && problem.problem !== NOT_FOUND) out.push([ref, css, problem.problem]);
      else if (path.endsWith('.css')) queue.push(path);
    }
  }
  return out;
}

/** The most entries of public/ looked at: a deck's static files are a handful, not a file system. */
const PUBLIC_LIMIT = 10_000;

/**
 * What in the deck's `public/` folder, which the build copies into the site as it is (links followed), leads
 * outside the deck folder or is no file: each as [path, why]. Only looked at under --untrusted.
 */
export function publicProblems(realRoot: string, root: string): [string, string][] {
  const out: [string, string][] = [];
  if (!existsSync(join(root, 'public'))) return out;
  const stack = ['public'];
  let seen = 0;
  for (let path = stack.pop(); path !== undefined; path = stack.pop()) {
    if (++seen > PUBLIC_LIMIT) {
      out.push([
        'public',
        `holds over ${PUBLIC_LIMIT} files and folders: keep the files the site serves as they are`,
      ]);
      break;
    }
    const full = join(root, path);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      out.push([path, 'is a symbolic link to nothing: fix or delete it']);
      continue;
    }
    const inside = relative(realRoot, real);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      out.push([
        path,
        `leads outside the deck folder (to ${real}), which --untrusted (DECK_UNTRUSTED=1) refuses: copy the file into the deck`,
      ]);
      continue;
    }
    const stat = lstatSync(real);
    if (stat.isDirectory()) for (const name of readdirSync(real)) stack.push(`${path}/${name}`);
    else if (!stat.isFile()) out.push([path, 'is not a regular file (a device, pipe or socket): delete it']);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
