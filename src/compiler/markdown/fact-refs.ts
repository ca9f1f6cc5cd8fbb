import type { MarkdownIt, Token } from 'markdown-it';
import { deckText } from '../../i18n/deck-text.ts';
import { noFactsFile } from '../facts/load.ts';
import { factMark, findRefs, handTyped, handTypedMessage, type Ref, resolveRef } from '../facts/refs.ts';
import { escapeHtml } from '../html.ts';
import { noBreakHtml } from '../nowrap.ts';
import { type SlideEnv, tokenLine } from './env.ts';

type RefMeta = Pick<Ref, 'kind' | 'id' | 'part'>;

const REF_AT = /\[\[(src:)?([A-Za-z0-9][\w.-]*)(?:\|(value))?\]\]/y;

/**
 * `[[fact-id]]` in prose: the fact's value and unit from the facts file, resolved at build time, with its
 * source in a footnote and a 推算 mark when derived. A number typed by hand where a fact holds it is a
 * problem at its line and column, so no figure on a slide drifts from the facts file.
 */
export function factRefs(md: MarkdownIt): void {
  md.inline.ruler.before('link', 'fact_ref', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x5b || state.src.charCodeAt(state.pos + 1) !== 0x5b)
      return false;
    REF_AT.lastIndex = state.pos;
    const m = REF_AT.exec(state.src);
    if (!m) return false;
    if (!silent) {
      const token = state.push('fact_ref', '', 0);
      token.content = m[0];
      token.meta = { kind: m[1] ? 'source' : 'fact', id: m[2], part: m[3] === 'value' ? 'value' : 'all' };
    }
    state.pos += m[0].length;
    return true;
  });

  md.core.ruler.push('fact_refs', (state) => {
    const env = state.env as unknown as SlideEnv;
    for (const block of state.tokens) {
      if (block.type === 'html_block') block.content = htmlBlock(env, block);
      if (block.type !== 'inline' || !block.children) continue;
      for (const child of block.children) {
        if (child.type === 'fact_ref')
          child.meta = { html: refHtml(env, child.meta as unknown as RefMeta, block.map, child.content) };
        if (child.type === 'text' || child.type === 'html_inline') check(env, child.content, block.map);
      }
    }
    return true;
  });

  md.renderer.rules.fact_ref = (tokens, idx) => {
    const html = (tokens[idx]!.meta as { html?: string } | null)?.html;
    return html ?? escapeHtml(tokens[idx]!.content);
  };
}

/** The HTML for one reference; an unknown id is reported where it is written. */
function refHtml(
  env: SlideEnv,
  ref: Pick<Ref, 'kind' | 'id' | 'part'>,
  map: Token['map'],
  written: string,
): string {
  const facts = env.facts();
  const at = locate(env, map, written);
  if (!facts) {
    env.compile.report({
      ...at,
      message: `${written} cites a fact, but ${noFactsFile({ file: env.file, factsFile: env.compile.factsFile })}`,
    });
    return escapeHtml(written);
  }
  const r = resolveRef(ref, facts);
  if (!r.ok) {
    env.compile.report({ ...at, message: `${written}: ${r.message}` });
    return `<span class="fact fact-unknown">${escapeHtml(written)}</span>`;
  }
  env.cite(r.sourceId, r.source, ref.kind === 'fact' ? ref.id : undefined);
  const words = deckText(env.compile.lang);
  const mark = r.fact ? factMark(r.fact, words) : '';
  if (ref.kind === 'source')
    return `<cite class="source-ref">${noBreakHtml(r.text, env.compile.noBreak)}</cite>`;
  return (
    `<span class="fact" data-fact="${escapeHtml(ref.id)}" title="${escapeHtml(words.source + r.source)}${mark ? ` · ${mark}` : ''}">` +
    escapeHtml(r.text) +
    (mark ? `<sup class="fact-mark">${mark}</sup>` : '') +
    '</span>'
  );
}

/** References inside a raw HTML block are replaced in place; its text is checked like prose. */
function htmlBlock(env: SlideEnv, block: Token): string {
  const text = block.content.replace(/<[^>]*>/g, (tag) => ' '.repeat(tag.length));
  check(env, text, block.map);
  let out = '';
  let last = 0;
  for (const ref of findRefs(block.content)) {
    out +=
      block.content.slice(last, ref.index) +
      refHtml(env, ref, block.map, block.content.substr(ref.index, ref.length));
    last = ref.index + ref.length;
  }
  return out + block.content.slice(last);
}

function check(env: SlideEnv, text: string, map: Token['map']): void {
  const facts = env.facts();
  if (!facts) return;
  for (const h of handTyped(text, facts)) {
    env.compile.report({
      ...locate(env, map, text.slice(h.index, h.index + h.text.length + 1)),
      message: handTypedMessage(h),
    });
  }
}

/** The line and column of `needle` within a block's lines (its first line when not found). */
function locate(
  env: SlideEnv,
  map: Token['map'],
  needle: string,
): { file: string; line: number; column: number } {
  const first = tokenLine(env, map);
  const last = env.startLine + (map?.[1] ?? 1) - 1;
  for (let line = first; line <= last; line++) {
    const text = env.lines[line - env.startLine] ?? '';
    // Not inside a longer number: "50个" is not the end of "550个".
    let at = text.indexOf(needle);
    while (at > 0 && /[\d.]/.test(text[at - 1]!)) at = text.indexOf(needle, at + 1);
    if (at >= 0) return { file: env.file, line, column: at + 1 };
  }
  return { file: env.file, line: first, column: 1 };
}
