import * as v from 'valibot';
import { deckText } from '../../../i18n/deck-text.ts';
import { loadFacts } from '../../facts/load.ts';
import { escapeHtml, renderAttrs } from '../../html.ts';
import { labelHtml, noBreakHtml } from '../../nowrap.ts';
import { parseYaml } from '../../yaml.ts';
import type { BlockRenderer } from '../types.ts';

const ItemSchema = v.strictObject({
  fact: v.string(),
  label: v.optional(v.string()),
  note: v.optional(v.string()),
});

const SpecSchema = v.union([
  v.array(ItemSchema),
  v.strictObject({
    data: v.optional(v.string()),
    step: v.optional(v.literal('items')),
    items: v.array(ItemSchema),
  }),
]);

/**
 * ```figures — big numbers for the key figures, each taken by id from the deck's facts file, so every
 * figure on a slide shows its unit, whether it is derived, and its source.
 */
export const figuresBlock: BlockRenderer = {
  name: 'figures',
  render(body, ctx) {
    const spec = parseYaml(ctx.file, body, ctx.line + 1);
    for (const e of spec.errors)
      ctx.report({ ...e.place, message: `figures: not valid YAML (${e.message})` });
    if (spec.errors.length > 0) return '';
    const parsed = v.safeParse(SpecSchema, spec.value);
    if (!parsed.success) {
      const issue = parsed.issues[0]!;
      const keys = (issue.path ?? []).map((p) => p.key as string | number);
      ctx.report({
        ...spec.place(keys),
        message: `figures: ${keys.join('.') || 'the block'}: ${issue.message}; write a list of "- fact: <id>" items`,
      });
      return '';
    }
    const items = Array.isArray(parsed.output) ? parsed.output : parsed.output.items;
    const options: { data?: string; step?: 'items' } = Array.isArray(parsed.output) ? {} : parsed.output;
    const itemsPath = Array.isArray(parsed.output) ? [] : ['items'];
    const facts = loadFacts(ctx, options.data ?? ctx.factsFile, ctx.line);
    if (!facts) return '';
    const words = deckText(ctx.lang);
    const cards = items.map((item, i) => {
      const fact = facts.facts[item.fact];
      if (!fact) {
        const known = Object.keys(facts.facts);
        const near = known.filter((k) => k.includes(item.fact) || item.fact.includes(k)).slice(0, 3);
        ctx.report({
          ...spec.place([...itemsPath, i, 'fact']),
          message: `figures: unknown fact "${item.fact}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''} (facts are listed in slides/data/facts.yaml)`,
        });
        return '';
      }
      const source = facts.sources[fact.source];
      ctx.cite(fact.source, source?.short ?? fact.source);
      const mark = fact.derived
        ? ` · ${words.derived}`
        : fact.confidence === 'medium'
          ? ` · ${words.mediumConfidence}`
          : '';
      return (
        `<figure${renderAttrs({
          class: options.step ? 'figure fragment' : 'figure',
          'data-node': item.fact,
          'data-derived': fact.derived ? 'true' : undefined,
        })}>` +
        `<div class="figure-value"><span class="figure-number">${escapeHtml(String(fact.value))}</span>` +
        `<span class="figure-unit">${escapeHtml(fact.unit)}</span></div>` +
        `<figcaption class="figure-label">${labelHtml(item.label ?? fact.text)}</figcaption>` +
        (item.note ? `<div class="figure-note">${noBreakHtml(item.note)}</div>` : '') +
        `<div class="figure-source">${escapeHtml(words.source)}${noBreakHtml(source?.short ?? fact.source)}${escapeHtml(mark)}</div>` +
        '</figure>'
      );
    });
    return `<div${renderAttrs({ class: 'figures', 'data-block': 'figures', 'data-count': items.length })}>${cards.join('')}</div>\n`;
  },
};
