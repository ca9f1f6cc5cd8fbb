import type { MarkdownIt } from 'markdown-it';
import type { SlideEnv } from './env.ts';

/** Dates and numbers with units in prose stay on one line (the deck's rule): each becomes a `<span class="nw">`. */
export function nowrap(md: MarkdownIt): void {
  md.core.ruler.push('nowrap', (state) => {
    const rule = (state.env as SlideEnv).compile.noBreak;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      block.children = block.children.flatMap((token) => {
        if (token.type !== 'text' || !rule.test(token.content)) return [token];
        rule.lastIndex = 0;
        const out = [];
        let last = 0;
        for (const m of token.content.matchAll(rule)) {
          const text = new state.Token('text', '', 0);
          text.content = token.content.slice(last, m.index);
          const open = new state.Token('html_inline', '', 0);
          open.content = '<span class="nw">';
          const inner = new state.Token('text', '', 0);
          inner.content = m[0];
          const close = new state.Token('html_inline', '', 0);
          close.content = '</span>';
          out.push(text, open, inner, close);
          last = m.index + m[0].length;
        }
        const rest = new state.Token('text', '', 0);
        rest.content = token.content.slice(last);
        out.push(rest);
        return out;
      });
    }
    return true;
  });
}
