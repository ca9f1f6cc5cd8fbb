import { type Facts, loadFacts } from '../../compiler/facts/load.ts';
import { unknown } from '../../compiler/facts/refs.ts';
import { deckText } from '../../i18n/deck-text.ts';
import { type BlockContext, defineBlock, type Spec } from '../define.ts';
import { type MetricView, renderMetric } from './render.ts';
import { MetricSpec } from './schema.ts';

/** Digits after the point as the value is written: 10189.4 → 1. */
const writtenDecimals = (value: number) => (String(value).split('.')[1] ?? '').length;

const signed = (value: number, unit: string) => `${value > 0 ? '+' : ''}${value}${unit}`;

function render(spec: Spec<MetricSpec>, ctx: BlockContext): string {
  const m = spec.value;
  const words = deckText(ctx.lang);
  const needsFacts = m.fact !== undefined || (typeof m.compare === 'object' && m.compare !== null);
  let facts: Facts | undefined;
  if (needsFacts) {
    facts = loadFacts(ctx, m.data ?? ctx.factsFile, ctx.line);
    if (!facts) return '';
  }
  const factOf = (id: string, path: (string | number)[]) => {
    const fact = facts?.facts[id];
    if (!fact && facts) spec.problem(path, unknown('fact', id, Object.keys(facts.facts), facts.file));
    return fact;
  };

  let value = m.value;
  let unit = m.unit;
  let label = m.label;
  let source = m.source;
  let derived = false;
  if (m.fact !== undefined) {
    const fact = factOf(m.fact, ['fact']);
    if (!fact) return '';
    if (m.value !== undefined)
      spec.problem(['value'], `give fact: or value:, not both (fact "${m.fact}" has its value)`);
    if (m.source !== undefined) spec.problem(['source'], `fact "${m.fact}" names its source: remove source:`);
    value = fact.value;
    unit ??= fact.unit;
    label ??= fact.text;
    const cited = facts!.sources[fact.source];
    ctx.cite(fact.source, cited?.short ?? fact.source, m.fact);
    derived = fact.derived === true;
    const mark = derived
      ? ` · ${words.derived}`
      : fact.confidence === 'medium'
        ? ` · ${words.mediumConfidence}`
        : '';
    source = `${cited?.short ?? fact.source}${mark}`;
  } else if (value === undefined) {
    spec.problem([], 'needs the number: add fact: <id> (from the facts file) or value: <number>');
    return '';
  } else if (source === undefined && ctx.sources === 'required') {
    spec.problem(
      ['value'],
      'a figure must say where it comes from: add source: … or take it from a fact (fact: <id>)',
    );
    return '';
  }
  if (label === undefined) {
    spec.problem([], 'needs a label: add label: … (what the number counts)');
    return '';
  }

  let compare: string | undefined;
  if (typeof m.compare === 'string') compare = m.compare;
  else if (m.compare) {
    const fact = factOf(m.compare.fact, ['compare', 'fact']);
    if (!fact) return '';
    const cited = facts!.sources[fact.source];
    ctx.cite(fact.source, cited?.short ?? fact.source, m.compare.fact);
    compare = `${m.compare.label ? `${m.compare.label} ` : ''}${signed(fact.value, fact.unit)}`;
  }

  const view: MetricView = {
    id: ctx.id,
    value: value as number,
    decimals: m.decimals ?? writtenDecimals(value as number),
    unit: unit ?? '',
    label,
    derived,
    ...(compare ? { compare } : {}),
    ...(source ? { source: `${words.source}${source}` } : {}),
  };
  return renderMetric(view, ctx.noBreak);
}

/**
 * ```metric — one hero number with its unit, label, an optional comparison and its source, from the deck's
 * facts (`fact:`) or written here (`value:`, `unit:`, `source:`). It counts up when its slide is shown (not
 * with reduced motion); in print and to screen readers it is the exact number.
 */
export const metricBlock = defineBlock({
  name: 'metric',
  schema: MetricSpec,
  render,
  runtime: './runtime.ts',
  css: './style.css',
  narrow: 'reflow',
  example: 'fact: revenue-2024',
});
