import * as v from 'valibot';
import { deckText } from '../../../i18n/deck-text.ts';
import { loadFacts } from '../../facts/load.ts';
import { escapeHtml } from '../../html.ts';
import { parseYaml } from '../../yaml.ts';
import type { BlockRenderer } from '../types.ts';

const SpecSchema = v.nullish(v.strictObject({ data: v.optional(v.string()) }));

/**
 * ```sources — the list of the sources the deck's slides cite (figures, [[fact]] references, chart and
 * diagram facts), from the facts file; rendered after every slide so it sees them all.
 */
export const sourcesBlock: BlockRenderer = {
  name: 'sources',
  render(body, ctx) {
    const spec = parseYaml(ctx.file, body, ctx.line + 1);
    const parsed = v.safeParse(SpecSchema, spec.value);
    if (spec.errors.length > 0 || !parsed.success) {
      ctx.report({
        file: ctx.file,
        line: ctx.line + 1,
        column: 1,
        message: 'sources: the block takes only "data: <facts file>" or nothing',
      });
      return '';
    }
    const facts = loadFacts(ctx, parsed.output?.data ?? ctx.factsFile, ctx.line);
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
      return `<ol class="sources" data-block="sources">${items.join('')}</ol>\n`;
    });
  },
};
