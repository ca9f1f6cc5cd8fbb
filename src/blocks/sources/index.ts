import * as v from 'valibot';
import { loadFacts } from '../../compiler/facts/load.ts';
import { escapeHtml } from '../../compiler/html.ts';
import { NARROW_ATTR } from '../../contracts/blocks.ts';
import { deckText } from '../../i18n/deck-text.ts';
import { type BlockContext, defineBlock, type Spec } from '../define.ts';

const SpecSchema = v.nullish(v.strictObject({ data: v.optional(v.string()) }));

function render(spec: Spec<v.InferOutput<typeof SpecSchema>>, ctx: BlockContext): string {
  const facts = loadFacts(ctx, spec.value?.data ?? ctx.factsFile, ctx.line);
  if (!facts) return '';
  // Only what the slides cite, in the order they first cite it: a source no slide uses is not listed.
  return ctx.defer(({ cited }) => {
    const items = [...cited.keys()].flatMap((id) => {
      const s = facts.sources[id];
      if (!s) return [];
      const detail = [
        s.publisher,
        s.date,
        s.confidence === 'medium' ? deckText(ctx.lang).sourceMediumConfidence : '',
      ]
        .filter(Boolean)
        .join(' · ');
      return [
        `<li data-node="${escapeHtml(id)}"><b>${escapeHtml(s.title)}</b>` +
          `<span class="source-detail">${escapeHtml(detail)}</span>` +
          (s.url ? `<span class="source-url">${escapeHtml(s.url)}</span>` : '') +
          '</li>',
      ];
    });
    return `<ol class="sources" data-block="sources" ${NARROW_ATTR}="reflow">${items.join('')}</ol>\n`;
  });
}

/**
 * ```sources — the list of the sources the deck's slides cite (figures, [[fact]] references, chart and
 * diagram facts), from the facts file; rendered after every slide so it sees them all (so the root tag is
 * marked here). Body: nothing, or `data: <facts file>`.
 */
export const sourcesBlock = defineBlock({
  name: 'sources',
  schema: SpecSchema,
  render,
  css: './style.css',
  narrow: 'reflow',
});
