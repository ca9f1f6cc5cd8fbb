import { escapeHtml, jsonForScript, renderAttrs } from '../../compiler/html.ts';
import { type NoBreakRule, noBreakHtml } from '../../compiler/nowrap.ts';
import { BLOCK_STATE_ATTR } from '../../contracts/blocks.ts';
import { BLOCK_ATTR } from '../../contracts/dom.ts';
import type { DeckText } from '../../i18n/deck-text.ts';
import type { ChartModel } from './model.ts';
import { CHART } from './names.ts';

/** A label may break into lines on the canvas ("\n"); as text it is one line. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/** What a screen reader hears for the canvas: the kind of chart, its title and every value. */
export function summary(model: ChartModel, words: DeckText, source?: string): string {
  const kinds: Record<string, string> = words.chartKinds;
  const kind = kinds[model.horizontal ? 'hbar' : model.type] ?? words.chartKinds.chart;
  const series = model.datasets
    .map((d) => {
      const values = model.labels.map(
        (l, i) => `${oneLine(l)} ${d.text[i]}${d.derived[i] ? words.derivedAfter : ''}`,
      );
      return `${d.label}${words.colon}${values.join(words.comma)}`;
    })
    .join(words.semicolon);
  const title = model.title ? `${words.colon}${model.title}` : '';
  return `${kind}${title}${words.stop}${series}${words.stop}${source ? words.source + source : ''}`.trim();
}

/** The data as a real table: screen readers, search and the PDF text layer all see the numbers. */
function table(model: ChartModel, id: string, words: DeckText): string {
  const head = model.datasets.map((d) => `<th scope="col">${escapeHtml(d.label)}</th>`).join('');
  const rows = model.labels
    .map((label, i) => {
      const cells = model.datasets
        .map((d) => {
          const mark = d.derived[i] && !(label + d.label).includes(words.derived) ? words.derivedAfter : '';
          return `<td${d.derived[i] ? ' data-derived' : ''}>${escapeHtml(`${d.text[i] ?? ''}${mark}`)}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(oneLine(label))}</th>${cells}</tr>`;
    })
    .join('');
  const corner = escapeHtml(model.axes.category ?? words.chartItem);
  return (
    `<div class="chart-data"><table class="${CHART.table}" id="${id}-table">` +
    `<caption>${escapeHtml(model.title ?? words.chartData)}</caption>` +
    `<thead><tr><th scope="col">${corner}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

export interface ChartHtml {
  id: string;
  model: ChartModel;
  height: number;
  source?: string;
  note?: string;
  /** The deck's words: "source", "estimated", chart kinds. */
  words: DeckText;
  /** What its source line and note never split (the deck's rule). */
  noBreak: NoBreakRule;
}

/**
 * A figure whose plot is a sized, relatively positioned frame holding the canvas; the model as JSON; the
 * source line under it; the data table (hidden until asked for); one empty fragment per step.
 */
export function renderChart({ id, model, height, source, note, words, noBreak }: ChartHtml): string {
  const attrs = renderAttrs({
    class: 'chart',
    id,
    [BLOCK_ATTR]: CHART.block,
    [BLOCK_STATE_ATTR]: 'pending',
    'data-chart-type': model.type,
    'data-chart-step': model.step,
  });
  const steps = Array.from(
    { length: model.steps },
    (_, i) =>
      `<span class="fragment ${CHART.step}" ${CHART.stepForAttr}="${id}" ${CHART.stepIndexAttr}="${i + 1}" aria-hidden="true"></span>`,
  ).join('');
  const caption = [
    source
      ? `<span class="chart-source-text" data-source-line>${noBreakHtml(words.source + source, noBreak)}</span>`
      : '',
    note ? `<span class="chart-note">${noBreakHtml(words.note + note, noBreak)}</span>` : '',
  ]
    .filter(Boolean)
    .join('');
  return (
    `<figure${attrs}>` +
    (model.title ? `<figcaption class="chart-title">${escapeHtml(model.title)}</figcaption>` : '') +
    `<div class="${CHART.frame}" style="height:${height}px">` +
    `<canvas role="img" aria-label="${escapeHtml(summary(model, words, source))}"></canvas>` +
    table(model, id, words) +
    `<button type="button" class="${CHART.toggle}" aria-controls="${id}-table" aria-pressed="false" hidden></button>` +
    `</div>` +
    (caption ? `<p class="chart-source">${caption}</p>` : '') +
    `<script type="application/json" class="${CHART.model}">${jsonForScript(model)}</script>` +
    steps +
    `</figure>\n`
  );
}
