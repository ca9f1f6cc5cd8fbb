import type { MarkdownIt, Token } from 'markdown-it';

/**
 * GFM as reveal.js's marked writes it, so reveal.js's theme selectors apply: ~~strikethrough~~ is `<del>`
 * (markdown-it writes `<s>`), and a table column's alignment is an `align` attribute (markdown-it writes
 * `style="text-align:…"`; reveal.js's themes style `th[align=center]`), `www.` addresses are links and
 * `- [ ]` / `- [x]` items start with a disabled checkbox. (Bare domains without `www.` stay text, as in GFM.)
 */
export function gfm(md: MarkdownIt): void {
  md.renderer.rules.s_open = () => '<del>';
  md.renderer.rules.s_close = () => '</del>';
  md.linkify.add('www.', {
    validate: (text, pos) => WWW_TAIL.exec(text.slice(pos))?.[0].length ?? 0,
    normalize: (match) => {
      match.url = `http://${match.url}`;
    },
  });
  md.core.ruler.push('deck_task_items', (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type !== 'inline' || !isFirstInItem(state.tokens, i)) return;
      const first = token.children?.[0];
      const task = first?.type === 'text' ? TASK.exec(first.content) : null;
      if (!first || !task) return;
      first.content = first.content.slice(task[0].length - 1);
      const box = new state.Token('html_inline', '', 0);
      box.content =
        task[1] === ' '
          ? '<input disabled="" type="checkbox">'
          : '<input checked="" disabled="" type="checkbox">';
      token.children?.unshift(box);
    });
    return true;
  });
  md.core.ruler.push('deck_table_align', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'th_open' && token.type !== 'td_open') continue;
      const style = token.attrGet('style');
      const align =
        typeof style === 'string' ? /^text-align:(left|center|right)$/.exec(style)?.[1] : undefined;
      if (!align || !token.attrs) continue;
      token.attrs = token.attrs.filter(([name]) => name !== 'style');
      token.attrSet('align', align);
    }
    return true;
  });
}

// After `www.`: a domain, then an optional path that does not end in punctuation (GFM's extended autolink).
const WWW_TAIL = /^[a-z0-9-]+(\.[a-z0-9-]+)+(?:[/?#][^\s<]*[^\s<.,:;"')\]!?*_~])?/i;
const TASK = /^\[([ xX])\] /;

/** Whether the inline token at `i` is the first paragraph of a list item. */
function isFirstInItem(tokens: Token[], i: number): boolean {
  return tokens[i - 1]?.type === 'paragraph_open' && tokens[i - 2]?.type === 'list_item_open';
}
