import type { MarkdownIt, Token } from 'markdown-it';
import { isExternalUrl, outsideRoot, resolveFrom } from '../paths.ts';
import { type SlideEnv, tokenLine } from './env.ts';

const TAG = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>?/g;
const HANDLER = /(?:^|[\s"'/])(on[a-z]+)\s*=/i;
const SCRIPT_URL = /^\s*(?:javascript|vbscript):/i;
const ATTR = /([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

/** A piece of deck code in raw HTML: what it is, as written; a `<script>`'s `src` when it has one. */
interface DeckCode {
  kind: 'script' | 'handler' | 'url';
  written: string;
  what: string;
  src?: string;
}

/** The first piece of deck code in raw HTML, as written: a `<script>`, an `on…=` handler, a `javascript:` URL. */
export function deckCode(html: string): DeckCode | undefined {
  for (const tag of html.matchAll(TAG)) {
    const name = tag[1]!.toLowerCase();
    const attrs = tag[2] ?? '';
    if (name === 'script') {
      const src = [...attrs.matchAll(ATTR)].find((a) => a[1]!.toLowerCase() === 'src');
      return {
        kind: 'script',
        written: `<${tag[1]}`,
        what: 'a <script> element',
        src: src ? (src[2] ?? src[3] ?? src[4]) : undefined,
      };
    }
    const handler = HANDLER.exec(attrs);
    if (handler) return { kind: 'handler', written: handler[1]!, what: `an event handler (${handler[1]})` };
    for (const attr of attrs.matchAll(ATTR)) {
      const value = attr[2] ?? attr[3] ?? attr[4] ?? '';
      if (SCRIPT_URL.test(value)) return { kind: 'url', written: value.trim(), what: 'a javascript: URL' };
    }
  }
  return undefined;
}

/**
 * What a trusted deck is told of code in a slide, which the page's Content-Security-Policy (`script-src 'self'`,
 * no inline code) keeps from running: how to move it into a module of the config's `scripts:`, which is bundled
 * and so allowed. The exact config line is shown: a talk moved in from reveal.js needs nothing else.
 */
function moveAdvice(env: SlideEnv, code: DeckCode): string {
  const src = code.src && !isExternalUrl(code.src) ? resolveFrom(env.file, code.src) : undefined;
  const name = (env.file.split('/').pop() ?? 'slides').replace(/\.md$/i, '');
  const file = src && !outsideRoot(src) ? src.replace(/\.(?:cjs|jsx?)$/i, '.js') : `scripts/${name}.js`;
  const line = `scripts: [${JSON.stringify(file).replace(/^"|"$/g, "'")}],`;
  const blocked = "never runs: the page's Content-Security-Policy runs only the deck's bundled code";
  if (code.kind === 'script')
    return `${code.what} ${blocked}. ${src ? `Name its file in the deck's config` : `Move its code into a file, ${file}, and name it in the deck's config`} (deck.config.js): ${line} (README: "A deck's own scripts")`;
  return `${code.what} ${blocked}. Attach it from a module named in the deck's config (deck.config.js), such as ${line} with addEventListener (README: "A deck's own scripts")`;
}

/**
 * The slides' raw HTML holds no code that runs. Under --untrusted each `<script>`, `on…=` handler or
 * `javascript:` URL is a problem at its line (the served pages' Content-Security-Policy would block inline code
 * anyway; a page copied to another host has no such header); in a trusted deck it is a warning saying how to
 * move it into `scripts:`, since the policy blocks it there too.
 */
export function untrustedHtml(md: MarkdownIt): void {
  md.core.ruler.push('deck_untrusted_html', (state) => {
    const env = state.env as unknown as SlideEnv;
    const check = (content: string, map: Token['map']) => {
      const code = deckCode(content);
      if (!code) return;
      env.compile.report(
        env.compile.untrusted
          ? {
              ...locate(env, map, code.written),
              message: `${code.what} is deck code, which --untrusted (DECK_UNTRUSTED=1) does not run: remove it`,
            }
          : { ...locate(env, map, code.written), severity: 'warning', message: moveAdvice(env, code) },
      );
    };
    for (const token of state.tokens) {
      if (token.type === 'html_block') check(token.content, token.map);
      else if (token.type === 'inline')
        for (const child of token.children ?? [])
          if (child.type === 'html_inline') check(child.content, token.map);
    }
    return true;
  });
}

function locate(env: SlideEnv, map: Token['map'], needle: string) {
  const first = tokenLine(env, map);
  const last = env.startLine + (map?.[1] ?? 1) - 1;
  for (let line = first; line <= last; line++) {
    const at = (env.lines[line - env.startLine] ?? '').toLowerCase().indexOf(needle.toLowerCase());
    if (at >= 0) return { file: env.file, line, column: at + 1 };
  }
  return { file: env.file, line: first, column: 1 };
}
