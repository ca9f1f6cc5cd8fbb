import { escapeHtml, jsonForScript, renderAttrs } from '../../html.ts';
import type { ChartModel } from './model.ts';

const TYPE_NAMES: Record<string, string> = {
  bar: '柱状图',
  hbar: '条形图',
  line: '折线图',
  doughnut: '环形图',
  pie: '饼图',
};

/** A label may break into lines on the canvas ("\n"); as text it is one line. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/** What a screen reader hears for the canvas: the kind of chart, its title and every value. */
export function summary(model: ChartModel, source?: string): string {
  const kind = TYPE_NAMES[model.horizontal ? 'hbar' : model.type] ?? '图表';
  const series = model.datasets
    .map((d) => {
      const values = model.labels.map(
        (l, i) => `${oneLine(l)} ${d.text[i]}${d.derived[i] ? '（推算）' : ''}`,
      );
      return `${d.label}：${values.join('，')}`;
    })
    .join('；');
  return `${kind}${model.title ? `：${model.title}` : ''}。${series}。${source ? `来源：${source}` : ''}`;
}

/** The data as a real table: screen readers, search and the PDF text layer all see the numbers. */
function table(model: ChartModel, id: string): string {
  const head = model.datasets.map((d) => `<th scope="col">${escapeHtml(d.label)}</th>`).join('');
  const rows = model.labels
    .map((label, i) => {
      const cells = model.datasets
        .map((d) => {
          const mark = d.derived[i] && !/推算/.test(label + d.label) ? '（推算）' : '';
          return `<td${d.derived[i] ? ' data-derived' : ''}>${escapeHtml(`${d.text[i] ?? ''}${mark}`)}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(oneLine(label))}</th>${cells}</tr>`;
    })
    .join('');
  const corner = escapeHtml(model.axes.category ?? '项目');
  return (
    `<div class="chart-data"><table class="chart-table" id="${id}-table">` +
    `<caption>${escapeHtml(model.title ?? '图表数据')}</caption>` +
    `<thead><tr><th scope="col">${corner}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

export interface ChartHtml {
  id: string;
  model: ChartModel;
  height: number;
  source?: string;
  note?: string;
}

/**
 * A figure whose plot is a sized, relatively positioned frame holding the canvas; the model as JSON; the
 * source line under it; the data table (hidden until asked for); one empty fragment per step.
 */
export function renderChart({ id, model, height, source, note }: ChartHtml): string {
  const attrs = renderAttrs({
    class: 'chart',
    id,
    'data-block': 'chart',
    'data-chart-state': 'pending',
    'data-chart-type': model.type,
    'data-chart-step': model.step,
  });
  const steps = Array.from(
    { length: model.steps },
    (_, i) =>
      `<span class="fragment chart-step" data-chart-for="${id}" data-chart-step-index="${i + 1}" aria-hidden="true"></span>`,
  ).join('');
  const caption = [
    source ? `<span class="chart-source-text">来源：${escapeHtml(source)}</span>` : '',
    note ? `<span class="chart-note">注：${escapeHtml(note)}</span>` : '',
  ]
    .filter(Boolean)
    .join('');
  return (
    `<figure${attrs}>` +
    (model.title ? `<figcaption class="chart-title">${escapeHtml(model.title)}</figcaption>` : '') +
    `<div class="chart-frame" style="height:${height}px">` +
    `<canvas role="img" aria-label="${escapeHtml(summary(model, source))}"></canvas>` +
    table(model, id) +
    `<button type="button" class="chart-data-toggle" aria-controls="${id}-table" aria-pressed="false" hidden></button>` +
    `</div>` +
    (caption ? `<p class="chart-source">${caption}</p>` : '') +
    `<script type="application/json" class="chart-model">${jsonForScript(model)}</script>` +
    steps +
    `</figure>\n`
  );
}
