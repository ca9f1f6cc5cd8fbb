import { escapeHtml, renderAttrs } from '../../compiler/html.ts';
import { labelHtml, type NoBreakRule, noBreakHtml } from '../../compiler/nowrap.ts';
import { BLOCK_STATE_ATTR } from '../../contracts/blocks.ts';
import { BLOCK_ATTR } from '../../contracts/dom.ts';
import { METRIC } from './names.ts';
import { formatValue } from './shared/count.ts';

/** A metric resolved from its spec and the facts: everything it shows, as text. */
export interface MetricView {
  id: string;
  value: number;
  decimals: number;
  unit: string;
  label: string;
  compare?: string;
  /** The source line (`来源：…`), and the mark of a derived figure. */
  source?: string;
  derived: boolean;
}

/**
 * The figure: its number written out in full (exact in print, and what a screen reader reads, in one text that
 * the count-up never touches), unit, label, comparison and source line. `pending` until its runtime has shown it.
 */
export function renderMetric(m: MetricView, noBreak: NoBreakRule): string {
  const number = formatValue(m.value, m.decimals);
  return (
    `<figure${renderAttrs({
      class: 'metric',
      id: m.id,
      [BLOCK_ATTR]: METRIC.block,
      [BLOCK_STATE_ATTR]: 'pending',
      [METRIC.valueAttr]: String(m.value),
      [METRIC.decimalsAttr]: String(m.decimals),
      'data-derived': m.derived ? 'true' : undefined,
    })}>` +
    `<div class="${METRIC.value}">` +
    `<span class="${METRIC.text}">${escapeHtml(`${number}${m.unit}`)}</span>` +
    `<span class="${METRIC.number}" aria-hidden="true">${escapeHtml(number)}</span>` +
    (m.unit ? `<span class="${METRIC.unit}" aria-hidden="true">${escapeHtml(m.unit)}</span>` : '') +
    '</div>' +
    `<figcaption class="${METRIC.label}">${labelHtml(m.label, noBreak)}</figcaption>` +
    (m.compare ? `<div class="${METRIC.compare}">${noBreakHtml(m.compare, noBreak)}</div>` : '') +
    (m.source
      ? `<div class="${METRIC.source}" data-source-line>${noBreakHtml(m.source, noBreak)}</div>`
      : '') +
    '</figure>\n'
  );
}
