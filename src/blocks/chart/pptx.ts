/**
 * The chart block in a PPTX: a native chart from the block's model (PowerPoint's "Edit Data" opens its
 * numbers), laid out as the page drew it, with its reference lines drawn over it. Runs in the page, bundled
 * into the PPTX walker.
 */
import type { ChartModel } from '../../contracts/chart-model.ts';
import { CHART } from '../../contracts/dom.ts';
import type { ChartItem, Item } from '../../export/pptx/scene.ts';
import { color, px } from '../../export/pptx/walk/color.ts';
import { definePptx } from '../../export/pptx/walk/mapping.ts';
import { box, type Slide } from '../../export/pptx/walk/slide.ts';

/**
 * The Excel number format of values written with `decimals` and `unit` ("0.0\"亿元\""), as the deck writes
 * them; without decimals, whole numbers stay whole and others keep their own digits ("General").
 */
export function numberFormat(
  decimals: number | undefined,
  unit: string,
  values: readonly (number | null)[],
): string {
  const digits =
    decimals === undefined
      ? values.every((v) => v === null || Number.isInteger(v))
        ? '0'
        : 'General'
      : decimals > 0
        ? `0.${'0'.repeat(decimals)}`
        : '0';
  return `${digits}${unit ? `"${unit.replace(/"/g, '')}"` : ''}`;
}

/** A theme colour (`--deck-accent`), hex or name, as `RRGGBB`. */
function resolveColor(s: Slide, name: string): string {
  const direct = color(
    name.startsWith('--') ? s.deck.rootStyle.getPropertyValue(name).trim() || '#888' : name,
  );
  if (direct) return direct.hex;
  // A hex or named colour: let the browser compute it.
  const probe = document.createElement('span');
  probe.style.color = name.startsWith('--') ? `var(${name})` : name;
  document.body.append(probe);
  const c = color(getComputedStyle(probe).color)?.hex ?? '888888';
  probe.remove();
  return c;
}

function chart(s: Slide, frame: Element): Item[] | null {
  const figure = frame.closest(`[data-block="${CHART.block}"]`);
  const json = figure?.querySelector(`script.${CHART.model}`)?.textContent;
  if (!figure || !json) return null;
  const model = JSON.parse(json) as ChartModel;
  const resolve = (name: string) => resolveColor(s, name);
  // One format for the chart's labels and axis: the first series with a value, as the page shows it.
  const sample = model.datasets.find((d) => d.data.some((v) => v !== null)) ?? model.datasets[0];
  const format = sample ? numberFormat(model.decimals, sample.unit, sample.data) : 'General';
  const svgText = frame.querySelector('svg text');
  const textStyle = getComputedStyle(svgText ?? figure);
  const textColor = color(textStyle.fill && svgText ? textStyle.fill : textStyle.color)?.hex ?? '333333';
  const textSize = px(textStyle.fontSize) || 20;
  const frameBox = box(s, frame.getBoundingClientRect());
  // The plot area as the page drew it: the native chart is laid out the same, and its reference lines are
  // drawn over it where the page draws them.
  const drawn = (figure.getAttribute(CHART.plotAttr) ?? '').split(' ').map(Number);
  // Only under reference lines: elsewhere PowerPoint's own layout places the legend and axis titles better.
  const plotted =
    model.marks.length > 0 && drawn.length === 6 && drawn.every(Number.isFinite) && drawn[5]! > drawn[4]!;
  const [left = 0, top = 0, right = 0, bottom = 0, min = 0, max = 1] = drawn;
  const fw = (frame as HTMLElement).clientWidth || frameBox.w;
  const fh = (frame as HTMLElement).clientHeight || frameBox.h;
  const sx = frameBox.w / fw;
  const sy = frameBox.h / fh;
  const plot = plotted
    ? { x: left / fw, y: top / fh, w: (right - left) / fw, h: (bottom - top) / fh, min, max }
    : undefined;
  const marks: Item[] = [];
  if (plotted) {
    for (const mark of model.marks) {
      const share = (mark.value - min) / (max - min);
      const markColor = resolve(mark.color);
      const label = (x: number, y: number, align: 'left' | 'right'): Item => ({
        kind: 'shape',
        geometry: 'rect',
        x: align === 'left' ? x : x - textSize * 12,
        y,
        w: textSize * 12,
        h: textSize * 1.4,
        text: {
          paragraphs: [
            {
              runs: [{ text: mark.label, size: textSize, color: markColor, bold: true }],
              align,
              lineHeight: textSize * 1.4,
              spaceBefore: 0,
            },
          ],
          inset: { l: 0, t: 0, r: 0, b: 0 },
        },
      });
      if (model.horizontal) {
        const x = frameBox.x + (left + share * (right - left)) * sx;
        marks.push({
          kind: 'line',
          x,
          y: frameBox.y + top * sy,
          w: 0,
          h: (bottom - top) * sy,
          line: { color: markColor, width: 3, dash: true },
        });
        marks.push(label(x + 8 * sx, frameBox.y + (top + 4) * sy, 'left'));
      } else {
        const y = frameBox.y + (bottom - share * (bottom - top)) * sy;
        marks.push({
          kind: 'line',
          x: frameBox.x + left * sx,
          y,
          w: (right - left) * sx,
          h: 0,
          line: { color: markColor, width: 3, dash: true },
        });
        marks.push(label(frameBox.x + right * sx, y - (8 + textSize * 1.4) * sy, 'right'));
      }
    }
  }
  const item: ChartItem = {
    kind: 'chart',
    id: figure.id,
    ...frameBox,
    type: model.type,
    horizontal: model.horizontal,
    stacked: model.stacked,
    title: model.title,
    labels: model.labels.map((l) => l.replace(/\s*\n\s*/g, ' ')),
    series: model.datasets.map((d) => ({
      label: d.label,
      values: d.data,
      colors: d.colors.map(resolve),
      type: d.type,
    })),
    format,
    legend: model.legend,
    axes: model.axes,
    textColor,
    textSize,
    plot,
  };
  return [item, ...marks];
}

export default definePptx({
  block: CHART.block,
  matches: (el) => el.classList.contains(CHART.frame),
  map: (el, s) => chart(s, el),
  ungrouped: true,
});
