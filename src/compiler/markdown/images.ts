import type { MarkdownIt } from 'markdown-it';
import { checkDeckFile, NOT_FOUND } from '../host.ts';
import { isExternalUrl, resolveFrom } from '../paths.ts';
import { columnOf, type SlideEnv, tokenLine } from './env.ts';

/**
 * Image paths are written relative to the markdown file. They are checked at build time and rewritten
 * relative to the project root, where Vite picks them up, hashes and bundles them.
 */
export function images(md: MarkdownIt): void {
  md.core.ruler.push('deck_images', (state) => {
    const env = state.env as unknown as SlideEnv;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      for (const token of block.children) {
        if (token.type !== 'image') continue;
        const src = String(token.attrGet('src') ?? '');
        if (!src || isExternalUrl(src) || src.startsWith('data:')) continue;
        const path = resolveFrom(env.file, decodePath(src));
        const refused = checkDeckFile(env.compile.host, path);
        if (refused) {
          const line = findLine(env, block.map, src);
          env.compile.report({
            file: env.file,
            line,
            column: columnOf(env, line, src),
            message:
              refused === NOT_FOUND
                ? `image "${src}" not found (looked for ${path}): fix the path, relative to ${env.file}`
                : `image "${src}" (${path}) ${refused}`,
          });
          // Without a src, neither the build nor the dev server reads it; the alt text stands in.
          token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'src');
          continue;
        }
        token.attrSet('src', `/${path}`);
      }
    }
    return true;
  });
}

function findLine(env: SlideEnv, map: [number, number] | null, needle: string): number {
  const first = tokenLine(env, map);
  const last = env.startLine + (map?.[1] ?? 1) - 1;
  for (let line = first; line <= last; line++) {
    if ((env.lines[line - env.startLine] ?? '').includes(needle)) return line;
  }
  return first;
}

/** The file part of a local URL, percent-decoded (`%2e%2e` is `..`); a malformed escape is kept as written. */
function decodePath(src: string): string {
  const file = src.split(/[?#]/)[0] ?? '';
  try {
    return decodeURIComponent(file);
  } catch {
    return file;
  }
}
