import { eastAsianWidthType } from 'get-east-asian-width';
import type { MarkdownIt, Token } from 'markdown-it';

/** Korean keeps its spaces: a break between two Hangul syllables is a space. */
const HANGUL =
  /[\u1100-\u11FF\u302E\u302F\u3131-\u318E\u3200-\u321E\u3260-\u327E\uA960-\uA97C\uAC00-\uD7A3\uD7B0-\uD7C6\uD7CB-\uD7FB\uFFA0-\uFFBE\uFFC2-\uFFC7\uFFCA-\uFFCF\uFFD2-\uFFD7\uFFDA-\uFFDC]/;

const wide = (ch: string) => /^[fwh]/.test(eastAsianWidthType(ch.codePointAt(0)!));

/** The character of the nearest non-empty text token from `from` in direction `step`, or a space. */
function nearest(tokens: Token[], from: number, step: 1 | -1): string {
  for (let j = from; j >= 0 && j < tokens.length; j += step) {
    const t = tokens[j]!;
    if (t.type !== 'text' || t.content === '') continue;
    const chars = [...(step < 0 ? t.content.slice(-2) : t.content.slice(0, 2))];
    return (step < 0 ? chars[chars.length - 1] : chars[0]) ?? ' ';
  }
  return ' ';
}

/**
 * A line break between two Chinese (wide) characters adds no space, as markdown-it-cjk-breaks does. Its own
 * rule throws on an empty text token (one that markdown-it-attrs or a removed break leaves, as in
 * `中\n<span></span>\n文` or `{x}\n[]()`), which stopped the whole compile; this one skips them.
 */
export function cjkBreaks(md: MarkdownIt): void {
  md.core.ruler.push('cjk_breaks', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const tokens = block.children;
      tokens.forEach((token, i) => {
        if (token.type !== 'softbreak') return;
        const last = nearest(tokens, i - 1, -1);
        const next = nearest(tokens, i + 1, 1);
        const remove =
          last === '\u200b' ||
          next === '\u200b' ||
          (wide(last) && wide(next) && !HANGUL.test(last) && !HANGUL.test(next));
        if (remove) {
          token.type = 'text';
          token.content = '';
        }
      });
    }
    return true;
  });
}
