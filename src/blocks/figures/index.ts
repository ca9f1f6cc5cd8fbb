import * as v from 'valibot';
import { loadFacts } from '../../compiler/facts/load.ts';
import { unknown } from '../../compiler/facts/refs.ts';
import { escapeHtml, renderAttrs } from '../../compiler/html.ts';
import { labelHtml, noBreakHtml } from '../../compiler/nowrap.ts';
import { deckText } from '../../i18n/deck-text.ts';
import { type BlockContext, defineBlock, type Spec } from '../define.ts';

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

type FiguresSpec = v.InferOutput<typeof SpecSchema>;

function render(spec: Spec<FiguresSpec>, ctx: BlockContext): string {
  const { value } = spec;
  const items = Array.isArray(value) ? value : value.items;
  const options: { data?: string; step?: 'items' } = Array.isArray(value) ? {} : value;
  const itemsPath = Array.isArray(value) ? [] : ['items'];
  const facts = loadFacts(ctx, options.data ?? ctx.factsFile, ctx.line);
  if (!facts) return '';
  const words = deckText(ctx.lang);
  const cards = items.map((item, i) => {
    const fact = facts.facts[item.fact];
    if (!fact) {
      spec.problem(
        [...itemsPath, i, 'fact'],
        unknown('fact', item.fact, Object.keys(facts.facts), facts.file),
      );
      return '';
    }
    const source = facts.sources[fact.source];
    ctx.cite(fact.source, source?.short ?? fact.source, item.fact);
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
      `<figcaption class="figure-label">${labelHtml(item.label ?? fact.text, ctx.noBreak)}</figcaption>` +
      (item.note ? `<div class="figure-note">${noBreakHtml(item.note, ctx.noBreak)}</div>` : '') +
      `<div class="figure-source" data-source-line>${escapeHtml(words.source)}${noBreakHtml(source?.short ?? fact.source, ctx.noBreak)}${escapeHtml(mark)}</div>` +
      '</figure>'
    );
  });
  return `<div${renderAttrs({ class: 'figures', 'data-block': 'figures', 'data-count': items.length })}>${cards.join('')}</div>\n`;
}

/**
 * ```figures — big numbers for the key figures, each taken by id from the deck's facts file, so every
 * figure on a slide shows its unit, whether it is derived, and its source. Cards sit one or two a row on a phone.
 */
export const figuresBlock = defineBlock({
  name: 'figures',
  schema: SpecSchema,
  render,
  css: './style.css',
  narrow: 'reflow',
});
