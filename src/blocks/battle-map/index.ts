import { noFactsFile } from '../../compiler/facts/load.ts';
import { formatNumber, resolveRef } from '../../compiler/facts/refs.ts';
import { escapeHtml, renderAttrs } from '../../compiler/html.ts';
import { labelHtml, noBreakHtml } from '../../compiler/nowrap.ts';
import { deckText } from '../../i18n/deck-text.ts';
import { type BlockContext, defineBlock, type Spec } from '../define.ts';
import { BattleMapSchema, type BattleMapSpec } from './schema.ts';

const NAME = 'battle-map';
const CJK = '一二三四五六七八九十';

function number(i: number, style: 'cjk' | 'arabic' | 'none'): string {
  if (style === 'none') return '';
  return style === 'cjk' && i < CJK.length ? CJK[i]! : String(i + 1);
}

/**
 * ```battle-map — a target matrix (挂图作战): rows down the side (the directions), and for each the year's
 * targets as figures from the facts file and lines of text, with their sources; each row links to its
 * section and appears as a fragment. Plain HTML and CSS: it prints, exports and narrows like prose.
 */
function render(spec: Spec<BattleMapSpec>, ctx: BlockContext): string {
  const { value } = spec;
  const facts = ctx.facts();
  let ok = true;
  // Each row's head and items, and its sources (HTML), before the rows are written out.
  const parts = value.rows.map((row, r) => {
    const sources = new Map<string, string>();
    for (const [k, id] of (row.sources ?? []).entries()) {
      const s = facts ? resolveRef({ kind: 'source', id, part: 'all' }, facts) : undefined;
      if (!s?.ok) {
        ok = false;
        spec.problem(['rows', r, 'sources', k], s ? s.message : noFactsFile(ctx));
      } else {
        ctx.cite(s.sourceId, s.source);
        sources.set(s.sourceId, s.source);
      }
    }
    const items = row.items.map((item, k) => {
      if ('text' in item) return `<li class="bm-text">${labelHtml(item.text, ctx.noBreak)}</li>`;
      const f = facts ? resolveRef({ kind: 'fact', id: item.fact, part: 'all' }, facts) : undefined;
      if (!f?.ok || !f.fact) {
        ok = false;
        spec.problem(['rows', r, 'items', k, 'fact'], f && !f.ok ? f.message : noFactsFile(ctx));
        return '';
      }
      ctx.cite(f.sourceId, f.source, item.fact);
      sources.set(f.sourceId, f.source);
      return (
        `<li${renderAttrs({ class: 'bm-figure', 'data-fact': item.fact, 'data-derived': f.fact.derived ? 'true' : undefined })}>` +
        `<span class="bm-value">${escapeHtml(formatNumber(f.fact.value))}<small>${escapeHtml(f.fact.unit)}</small>` +
        (f.fact.derived ? `<sup class="fact-mark">${escapeHtml(deckText(ctx.lang).derived)}</sup>` : '') +
        `</span><span class="bm-label">${labelHtml(item.label ?? f.fact.text, ctx.noBreak)}</span></li>`
      );
    });
    const no = number(r, value.numbering);
    const head =
      (no ? `<span class="bm-no">${escapeHtml(no)}</span>` : '') +
      `<span class="bm-direction">${labelHtml(row.direction, ctx.noBreak)}</span>`;
    const body =
      (row.link
        ? `<a class="bm-head" href="#/${escapeHtml(row.link)}">${head}</a>`
        : `<div class="bm-head">${head}</div>`) +
      `<ul${renderAttrs({ class: 'bm-items', 'data-interpretation': value.interpretation ? 'true' : undefined })}>${items.join('')}</ul>`;
    return {
      body,
      sources: [...sources.values()]
        .map((s) => noBreakHtml(s, ctx.noBreak))
        .join(escapeHtml(deckText(ctx.lang).sourceJoin)),
    };
  });
  if (!ok) return '';
  // Every row from the same sources: said once under the map, not repeated down a column of its own.
  const first = parts[0]!.sources;
  const shared = parts.length > 1 && first !== '' && parts.every((p) => p.sources === first);
  const rows = parts.map(
    (p, r) =>
      `<li${renderAttrs({ class: value.step === 'rows' ? 'bm-row fragment' : 'bm-row', 'data-row': r + 1 })}>` +
      p.body +
      (shared ? '' : `<div class="bm-source" data-source-line>${p.sources}</div>`) +
      '</li>',
  );
  const headings = value.columns ? (shared ? value.columns.slice(0, 2) : value.columns) : [];
  const columns = headings.length
    ? `<div class="bm-columns" aria-hidden="true">${headings.map((c) => `<span>${escapeHtml(c)}</span>`).join('')}</div>`
    : '';
  const sharedSource = shared
    ? `<p class="bm-source bm-source-shared" data-source-line>${escapeHtml(deckText(ctx.lang).source)}${first}</p>`
    : '';
  // Said in words, once, under the map: no 解读 badge on the slide face (the items carry data-interpretation).
  const legend = value.interpretation
    ? `<figcaption class="bm-legend">${escapeHtml(value.interpretation)}</figcaption>`
    : '';
  return (
    `<figure${renderAttrs({ class: 'battle-map', id: ctx.id, 'data-block': NAME, 'data-rows': value.rows.length, 'data-sources': shared ? 'shared' : undefined })}>` +
    `${columns}<ol class="bm-rows">${rows.join('')}</ol>${sharedSource}${legend}</figure>\n`
  );
}

/** Rows stack on a phone (and in any container under 900 px): plain HTML that reflows. */
export const battleMap = defineBlock({
  name: NAME,
  schema: BattleMapSchema,
  render,
  example: 'step: rows',
  css: './style.css',
  narrow: 'reflow',
});
