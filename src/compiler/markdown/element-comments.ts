import type { MarkdownIt, Token } from 'markdown-it';
import type { SlideEnv } from './env.ts';

const COMMENT = /<!--\s*\.(slide|element):\s*([\s\S]*?)-->/g;
const IS_COMMENT = /<!--\s*\.(slide|element):/;
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
function blockTarget(tokens: Token[], at: number): Token | undefined {
  const level = tokens[at]?.level ?? 0;
  for (let j = at - 1; j >= 0; j--) {
    const t = tokens[j];
    if (!t || t.level > level) continue;
    if (t.level < level) return t.hidden ? parentOpen(tokens, j) : t;
    if (t.nesting === -1) return openOf(tokens, j);
    if (t.nesting === 0 && t.type !== 'html_block') return t;
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
    if (t.type === 'image') return t;
    if (t.nesting === -1) {
      for (let k = j - 1; k >= 0; k--) {
        const o = children[k];
        if (o && o.nesting === 1 && o.level === t.level) return o;
      }
    }
    if (t.type === 'html_inline' && !IS_COMMENT.test(t.content)) return undefined;
  }
  return undefined;
}

/**
 * `<!-- .slide: … -->` sets attributes on the slide's section; `<!-- .element: … -->` on the element
 * before it, or else its parent, as reveal.js's markdown plugin does. The comments are removed.
 */
export function elementComments(md: MarkdownIt): void {
  md.core.ruler.push('deck_element_comments', (state) => {
    const env = state.env as unknown as SlideEnv;
    const tokens = state.tokens;
    const take = (content: string, target: () => Token | undefined): string =>
      content.replace(COMMENT, (_all, kind: string, body: string) => {
        const attrs = parseCommentAttrs(body);
        const el = kind === 'element' ? target() : undefined;
        applyTo(el ?? env.slideAttrs, attrs);
        return '';
      });
    tokens.forEach((token, i) => {
      if (token.type === 'html_block') {
        token.content = take(token.content, () => blockTarget(tokens, i));
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
