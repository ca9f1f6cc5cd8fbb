import type { MarkdownIt, Token } from 'markdown-it';
import { type SlideEnv, tokenLine } from './env.ts';

const TAG = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>?/g;
const HANDLER = /(?:^|[\s"'/])(on[a-z]+)\s*=/i;
const SCRIPT_URL = /^\s*(?:javascript|vbscript):/i;
const ATTR = /([^\s"'=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

/** The first piece of deck code in raw HTML, as written: a `<script>`, an `on…=` handler, a `javascript:` URL. */
export function deckCode(html: string): { written: string; what: string } | undefined {
  for (const tag of html.matchAll(TAG)) {
    const name = tag[1]!.toLowerCase();
    if (name === 'script') return { written: `<${tag[1]}`, what: 'a <script> element' };
    const attrs = tag[2] ?? '';
    const handler = HANDLER.exec(attrs);
    if (handler) return { written: handler[1]!, what: `an event handler (${handler[1]})` };
    for (const attr of attrs.matchAll(ATTR)) {
      const value = attr[2] ?? attr[3] ?? attr[4] ?? '';
      if (SCRIPT_URL.test(value)) return { written: value.trim(), what: 'a javascript: URL' };
    }
  }
  return undefined;
}

/**
 * Under --untrusted the slides' raw HTML may hold no code: each `<script>`, `on…=` handler or `javascript:` URL
 * is a problem at its line (the served pages' Content-Security-Policy would block inline code anyway; a page
 * copied to another host has no such header).
 */
export function untrustedHtml(md: MarkdownIt): void {
  md.core.ruler.push('deck_untrusted_html', (state) => {
    const env = state.env as unknown as SlideEnv;
    if (!env.untrusted) return true;
    const check = (content: string, map: Token['map']) => {
      const code = deckCode(content);
      if (!code) return;
      env.report({
        ...locate(env, map, code.written),
        message: `${code.what} is deck code, which --untrusted (DECK_UNTRUSTED=1) does not run: remove it`,
      });
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
