import * as v from 'valibot';
import { escapeHtml } from '../../html.ts';
import { parseYaml } from '../../yaml.ts';
import { DEFAULT_FACTS, loadFacts } from '../figures/facts.ts';
import type { BlockRenderer } from '../types.ts';

const SpecSchema = v.nullish(v.strictObject({ data: v.optional(v.string()) }));

/** ```sources — the list of the deck's sources, from the same facts file the figures come from. */
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
    const facts = loadFacts(ctx, parsed.output?.data ?? DEFAULT_FACTS, ctx.line);
    if (!facts) return '';
    const used = new Set(
      [...Object.values(facts.facts), ...Object.values(facts.dates ?? {})].map((f) => f.source),
    );
    const items = Object.entries(facts.sources)
      .filter(([id]) => used.has(id))
      .map(([id, s]) => {
        const count = Object.values(facts.facts).filter((f) => f.source === id).length;
        const detail = [s.publisher, s.date, s.confidence === 'medium' ? '可信度：中' : '']
          .filter(Boolean)
          .join(' · ');
        return (
          `<li data-node="${escapeHtml(id)}"><b>${escapeHtml(s.title)}</b>` +
          `<span class="source-detail">${escapeHtml(detail)}${count ? ` · 数据 ${count} 项` : ''}</span>` +
          (s.url ? `<span class="source-url">${escapeHtml(s.url)}</span>` : '') +
          '</li>'
        );
      });
    return `<ol class="sources" data-block="sources">${items.join('')}</ol>\n`;
  },
};
