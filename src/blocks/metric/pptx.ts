/**
 * The metric block in a PPTX: native, editable text boxes where the page drew them — the number with its unit
 * (one box: the exact final value from the block's attributes, never a count-up frame), the label, the
 * comparison and the source line. Runs in the page, bundled into the PPTX walker.
 */
import { BLOCK_ATTR } from '../../contracts/dom.ts';
import type { Item } from '../../export/pptx/scene.ts';
import { definePptx } from '../../export/pptx/walk/mapping.ts';
import { type Measured, measure, textBox } from '../../export/pptx/walk/text.ts';
import { METRIC } from './names.ts';
import { formatValue } from './shared/count.ts';

/** The number and its unit as one paragraph on one line (the page sets them side by side). */
function figure(el: Element, s: Parameters<typeof measure>[1]): Measured | null {
  const number = el.querySelector(`.${METRIC.number}`);
  const num = number && measure(number, s);
  if (!num || num.paragraph.runs.length === 0) return null;
  // The exact value the build wrote, whatever frame of the count-up the page is on.
  const value = Number(el.getAttribute(METRIC.valueAttr));
  const decimals = Number(el.getAttribute(METRIC.decimalsAttr));
  const [firstRun, ...others] = num.paragraph.runs;
  const runs = Number.isFinite(value)
    ? [
        {
          ...firstRun!,
          text: formatValue(value, Number.isFinite(decimals) ? decimals : 0),
          breakBefore: false,
        },
      ]
    : [firstRun!, ...others];
  const unitEl = el.querySelector(`.${METRIC.unit}`);
  const unit = unitEl ? measure(unitEl, s) : null;
  const lines = [...num.lines, ...(unit?.lines ?? [])];
  return {
    paragraph: {
      ...num.paragraph,
      runs: [...runs, ...(unit?.paragraph.runs ?? []).map((r) => ({ ...r, breakBefore: false }))],
    },
    lines: [
      {
        top: Math.min(...lines.map((l) => l.top)),
        bottom: Math.max(...lines.map((l) => l.bottom)),
        left: Math.min(...lines.map((l) => l.left)),
        right: Math.max(...lines.map((l) => l.right)),
      },
    ],
  };
}

export default definePptx({
  block: METRIC.block,
  matches: (el) => el.getAttribute(BLOCK_ATTR) === METRIC.block,
  map(el, s) {
    const items: Item[] = [];
    const value = figure(el, s);
    if (value) items.push(textBox(s, [value]));
    for (const part of [METRIC.label, METRIC.compare, METRIC.source]) {
      const partEl = el.querySelector(`.${part}`);
      const m = partEl && measure(partEl, s);
      if (m && m.paragraph.runs.length > 0) items.push(textBox(s, [m]));
    }
    return items.length > 0 ? items : null;
  },
  ungrouped: true,
});
