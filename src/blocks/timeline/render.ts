import { escapeHtml, renderAttrs } from '../../compiler/html.ts';
import { BLOCK_ATTR } from '../../contracts/dom.ts';
import { style } from '../diagram/html.ts';
import { formatDate, spanDates } from './dates.ts';
import {
  type PlacedSpan,
  type Slot,
  slotLine,
  spanLines,
  type TimelineLayout,
  type TimelineSizes,
} from './layout.ts';
import { TIMELINE } from './names.ts';

export interface RenderOptions {
  id: string;
  width: number;
  height: number;
  step: boolean;
  vertical: boolean;
  caption: { html: string; height: number };
}

function sizes(prefix: string, s: TimelineSizes): Record<string, number> {
  return {
    [`--tl-${prefix}-date`]: s.date,
    [`--tl-${prefix}-title`]: s.title,
    [`--tl-${prefix}-detail`]: s.detail,
    [`--tl-${prefix}-span`]: s.span,
  };
}

function event(slot: Slot, index: number, order: number, step: boolean): string {
  const e = slot.event!;
  const attrs = renderAttrs({
    class: step ? `${TIMELINE.event} fragment` : TIMELINE.event,
    'data-fragment-index': step ? order : undefined,
    'data-node': e.id,
    style: `--slot:${slotLine(index)}`,
  });
  const detail = e.detail ? `<span class="tl-detail">${escapeHtml(e.detail)}</span>` : '';
  const source = e.source ? `<span class="tl-source" data-source-line>${escapeHtml(e.source)}</span>` : '';
  return (
    `<div${attrs}><span class="tl-dot" aria-hidden="true"></span>` +
    `<time class="tl-date" datetime="${escapeHtml(e.date.iso)}">${escapeHtml(formatDate(e.date))}</time>` +
    `<span class="tl-text"><strong class="tl-title">${escapeHtml(e.title)}</strong>${detail}${source}</span></div>`
  );
}

function span(p: PlacedSpan): string {
  const dates = spanDates(p.from, p.to);
  const { start, end } = spanLines(p);
  return (
    `<div class="tl-span" style="--first:${start};--last:${end}">` +
    `<span class="tl-span-date">${escapeHtml(dates)}</span><span class="tl-span-title">${escapeHtml(p.title)}</span></div>`
  );
}

/**
 * The timeline as a CSS grid whose slots the layout has numbered, two tracks a slot (see slotLine): the theme
 * lays the same markup out
 * horizontally on wide screens and vertically on narrow ones, with text sizes checked for both.
 */
export function renderTimeline(layout: TimelineLayout, o: RenderOptions): string {
  let order = 0;
  const events = layout.slots.map((slot, i) => (slot.event ? event(slot, i, ++order, o.step) : '')).join('');
  const rootStyle = style({
    width: o.width,
    height: o.height + o.caption.height,
    '--tl-slots': String(layout.slots.length),
    '--tl-tracks': String(2 * layout.slots.length),
    '--tl-v-date-w': layout.dateWidth,
    ...sizes('h', layout.horizontal),
    ...sizes('v', layout.vertical),
  });
  return (
    `<figure${renderAttrs({
      class: 'timeline',
      id: o.id,
      [BLOCK_ATTR]: TIMELINE.block,
      [TIMELINE.stepAttr]: o.step ? 'events' : undefined,
      'data-spans': layout.spans.length > 0 ? 'true' : undefined,
      'data-compact': layout.compact ? 'true' : undefined,
      'data-orientation': o.vertical ? 'vertical' : undefined,
      style: rootStyle,
    })}>` +
    `<div class="tl-frame" style="${style({ height: o.height })}"><div class="tl-axis" aria-hidden="true"></div>` +
    layout.spans.map(span).join('') +
    events +
    `</div>${o.caption.html}</figure>\n`
  );
}
