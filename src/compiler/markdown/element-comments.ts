import type { MarkdownIt, Token } from 'markdown-it';
import { pattern } from '../regex.ts';
import type { SlideEnv } from './env.ts';

const COMMENT = /<!--([\s\S]*?)-->/g;
// reveal.js's markdown plugin: name="value" pairs, or a bare data-* name.
const ATTRIBUTE = /([^"= ]+?)="([^"]*?)"|(data-[^"= ]+?)(?=["\s]|$)/g;

export function parseCommentAttrs(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of text.matchAll(ATTRIBUTE)) {
    if (m[1] !== undefined) out.push([m[1], m[2] ?? '']);
    else if (m[3]) out.push([m[3], '']);
  }
  return out;
}

function apply(token: Token, attrs: [string, string][]): void {
  for (const [name, value] of attrs) {
    if (name === 'class') token.attrJoin('class', value);
    else token.attrSet(name, value);
  }
}

function applyTo(target: Token | Record<string, string>, attrs: [string, string][]): void {
  if ('attrSet' in target) {
    apply(target as Token, attrs);
    return;
  }
  const record = target as Record<string, string>;
  for (const [name, value] of attrs) {
    record[name] = name === 'class' && record.class ? `${record.class} ${value}` : value;
  }
}

/** The open token of the block that ends at `close`, scanning backwards. */
function openOf(tokens: Token[], close: number): Token | undefined {
  const closer = tokens[close];
  if (!closer) return undefined;
  for (let j = close - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t && t.level === closer.level && t.nesting === 1) return t;
  }
  return undefined;
}

/** The element that an `.element` comment at block index `at` applies to, as reveal.js chooses it. */
function blockTarget(tokens: Token[], at: number, lines: string[]): Token | undefined {
  const level = tokens[at]?.level ?? 0;
  for (let j = at - 1; j >= 0; j--) {
    const t = tokens[j];
    if (!t || t.level > level) continue;
    if (t.level < level) return t.hidden ? parentOpen(tokens, j) : t;
    if (t.nesting === -1) {
      const open = openOf(tokens, j);
      // reveal.js 6: right under a list (no blank line between), the comment is the last item's.
      const line = tokens[at]?.map?.[0] ?? 0;
      if (open && LISTS.has(open.type) && line > 0 && (lines[line - 1] ?? '').trim() !== '')
        return lastItem(tokens, j) ?? open;
      return open;
    }
    if (t.nesting === 0 && t.type !== 'html_block') return t;
  }
  return undefined;
}

const LISTS = new Set(['bullet_list_open', 'ordered_list_open']);

/** The last `list_item_open` of the list that closes at `close`. */
function lastItem(tokens: Token[], close: number): Token | undefined {
  const level = (tokens[close]?.level ?? 0) + 1;
  for (let j = close - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t?.type === 'list_item_open' && t.level === level) return t;
  }
  return undefined;
}

function parentOpen(tokens: Token[], at: number): Token | undefined {
  const level = tokens[at]?.level ?? 0;
  for (let j = at - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t && t.level < level && t.nesting === 1) return t.hidden ? parentOpen(tokens, j) : t;
  }
  return undefined;
}

/** In an inline run, the element before child `at`: an image, or a closed span such as em or a link. */
function inlineTarget(children: Token[], at: number): Token | undefined {
  for (let j = at - 1; j >= 0; j--) {
    const t = children[j];
    if (!t) continue;
    if (t.type === 'image' || t.type === 'code_inline') return t;
    if (t.nesting === -1) {
      for (let k = j - 1; k >= 0; k--) {
        const o = children[k];
        if (o && o.nesting === 1 && o.level === t.level) return o;
      }
    }
    if (t.type === 'html_inline' && !t.content.startsWith('<!--')) return undefined;
  }
  return undefined;
}

/**
 * An HTML comment that matches `data-element-attributes` (`<!-- .element: … -->`) sets attributes on the
 * element before it, or else its parent; one that matches `data-attributes` (`<!-- .slide: … -->`) on the
 * slide's section, as reveal.js's markdown plugin does. The comments that set something are removed.
 */
export function elementComments(md: MarkdownIt): void {
  md.core.ruler.push('deck_element_comments', (state) => {
    const env = state.env as unknown as SlideEnv;
    const tokens = state.tokens;
    // The deck's own patterns run with a time limit (regex.ts).
    const element = pattern(
      [{ option: 'elementAttributes', source: env.elementAttributes }],
      'm',
      env.compile.budget,
    );
    const slide = pattern([{ option: 'attributes', source: env.slideAttributes }], 'm', env.compile.budget);
    const take = (content: string, target: () => Token | undefined): string =>
      content.replace(COMMENT, (all, body: string) => {
        const forElement = element.first(body);
        const match = forElement ?? slide.first(body);
        if (!match) return all;
        const attrs = parseCommentAttrs(match[1] ?? '');
        const el = forElement ? target() : undefined;
        applyTo(el ?? env.slideAttrs, attrs);
        return '';
      });
    tokens.forEach((token, i) => {
      if (token.type === 'html_block') {
        token.content = take(token.content, () => blockTarget(tokens, i, env.lines));
      } else if (token.type === 'inline' && token.children) {
        const children = token.children;
        children.forEach((child, k) => {
          if (child.type !== 'html_inline') return;
          child.content = take(child.content, () => inlineTarget(children, k) ?? parentOpen(tokens, i));
        });
      }
    });
    return true;
  });
}
