import type { TextMeasure } from '../../compiler/measure.ts';
import { type TextStyle, type Typesetter, typesetter } from '../diagram/text.ts';
import { endOf, formatDate, spanDates, startOf, type TimelineDate, touching } from './dates.ts';

export interface EventInput {
  id: string;
  date: TimelineDate;
  title: string;
  detail?: string | undefined;
  source?: string | undefined;
}

export interface SpanInput {
  from: TimelineDate;
  to: TimelineDate;
  title: string;
}

/**
 * The axis is ordinal: one slot per event, in date order, so close dates never collide. A span with no
 * event in it gets an empty slot of its own, so a sequence of years stays unbroken.
 */
export interface Slot {
  /** The event in the slot, or none for a span's empty slot. */
  event?: EventInput;
  key: number;
}

export interface PlacedSpan extends SpanInput {
  /** First and last slot (0-based, inclusive). */
  first: number;
  last: number;
  /** It starts (ends) at the middle of its first (last) slot: that slot's date is shared with a touching span. */
  halfStart: boolean;
  halfEnd: boolean;
}

/**
 * The grid has two tracks a slot, so a span can end or start at a slot's middle: events take both tracks of
 * their slot. Grid lines, 1-based, as CSS takes them.
 */
export const slotLine = (slot: number): number => 2 * slot + 1;
export const spanLines = (p: PlacedSpan): { start: number; end: number } => ({
  start: slotLine(p.first) + (p.halfStart ? 1 : 0),
  end: slotLine(p.last + 1) - (p.halfEnd ? 1 : 0),
});

/** A span's width across, in design px, given the slots' width and the gap between them. */
export function spanWidth(p: PlacedSpan, slotW: number, gap: number): number {
  const { start, end } = spanLines(p);
  const track = (slotW - gap) / 2;
  return (end - start) * track + (end - start - 1) * gap;
}

/** Font sizes in design px for one orientation. */
export interface TimelineSizes {
  date: number;
  title: number;
  detail: number;
  span: number;
}

export interface TimelineLayout {
  slots: Slot[];
  spans: PlacedSpan[];
  horizontal: TimelineSizes;
  vertical: TimelineSizes;
  /** Width of the date column beside each event in the vertical layout. */
  dateWidth: number;
  /** The vertical layout shows dates and titles only: with details it would not fit. */
  compact: boolean;
}

export interface TimelineFailure {
  orientation: 'horizontal' | 'vertical';
  need: number;
  have: number;
}

const LINE = 1.3;
const SOURCE = 24;
const CARD_PAD = 14;
/** Column gap between slots, height of the axis row and of the span row (horizontal). */
export const H_GEOMETRY = { gap: 24, axis: 48, span: 64 } as const;
/** Width of the span column and axis column, gap between rows (vertical). */
export const V_GEOMETRY = { span: 220, axis: 48, gap: 12 } as const;

/** Sizes from large to small; the first that fits is used. Every size stays at 28 px or more (read from a hall). */
function sizeSteps(): TimelineSizes[] {
  return [1.4, 1.3, 1.2, 1.1, 1].map((s) => ({
    date: Math.max(28, Math.round(26 * s)),
    title: Math.max(30, Math.round(28 * s)),
    detail: Math.max(28, Math.round(24 * s)),
    span: Math.max(28, Math.round(24 * s)),
  }));
}

/** How each text is set, as the theme's diagrams.css sets it: dates, titles and span titles bold. */
export function timelineStyles(s: TimelineSizes) {
  return {
    date: { size: s.date, weight: 700 },
    title: { size: s.title, weight: 700 },
    detail: { size: s.detail, weight: 400 },
    source: { size: SOURCE, weight: 400 },
    spanDate: { size: s.span, weight: 400 },
    spanTitle: { size: s.span, weight: 700 },
  } satisfies Record<string, TextStyle>;
}

/** Height of an event's card at `width`; `dateBeside` is the width of a date column left of the text (0: date above). */
function cardHeight(
  e: EventInput,
  width: number,
  s: TimelineSizes,
  t: Typesetter,
  dateBeside = 0,
  compact = false,
): number {
  const inner = width - 2 * CARD_PAD - 6; // padding and the accent border
  const textW = inner - dateBeside;
  const st = timelineStyles(s);
  const dateLines = dateBeside ? 0 : t.wrap(formatDate(e.date), inner, st.date).length;
  const title = t.wrap(e.title, textW, st.title).length;
  const detail = e.detail && !compact ? t.wrap(e.detail, textW, st.detail).length : 0;
  const source = e.source && !compact ? t.wrap(e.source, textW, st.source).length : 0;
  const h =
    dateLines * s.date * LINE + title * s.title * LINE + detail * s.detail * LINE + source * SOURCE * LINE;
  return Math.ceil(Math.max(h, dateBeside ? s.date * LINE : 0) + 2 * CARD_PAD + 6);
}

export function slotsFor(events: EventInput[], spans: SpanInput[]): { slots: Slot[]; spans: PlacedSpan[] } {
  const slots: Slot[] = events.map((event) => ({ event, key: startOf(event.date) }));
  for (const span of spans) {
    const lo = startOf(span.from);
    const hi = endOf(span.to);
    if (!slots.some((s) => s.key >= lo && s.key <= hi)) slots.push({ key: lo });
  }
  // Stable: events on the same date keep the author's order, before an empty slot of that date.
  const sorted = slots
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.key - b.s.key || a.i - b.i)
    .map((x) => x.s);
  const placed = spans.map((span) => {
    const lo = startOf(span.from);
    const hi = endOf(span.to);
    const inside = sorted.flatMap((s, i) => (s.key >= lo && s.key <= hi ? [i] : []));
    return { ...span, first: inside[0]!, last: inside.at(-1)!, halfStart: false, halfEnd: false };
  });
  const byStart = [...placed].sort((a, b) => startOf(a.from) - startOf(b.from));
  for (let k = 1; k < byStart.length; k++) {
    const prev = byStart[k - 1]!;
    const cur = byStart[k]!;
    if (touching(prev, cur) && prev.last === cur.first) {
      prev.halfEnd = true;
      cur.halfStart = true;
    }
  }
  return { slots: sorted, spans: placed };
}

/**
 * Orders the events into slots and picks the largest text that fits the frame in both orientations:
 * horizontal (cards side by side above the axis, spans below) and vertical (one row per slot).
 */
export function layoutTimeline(
  events: EventInput[],
  spans: SpanInput[],
  frame: { width: number; height: number },
  measure: TextMeasure,
): TimelineLayout | TimelineFailure {
  const t = typesetter(measure);
  const { slots, spans: placed } = slotsFor(events, spans);
  const n = slots.length;
  const hasSpans = placed.length > 0;

  const slotW = (frame.width - (n - 1) * H_GEOMETRY.gap) / n;
  let horizontal: TimelineSizes | undefined;
  let hNeed = 0;
  const steps = sizeSteps();
  for (const s of steps) {
    // A date that would wrap in its card takes a smaller size, unless none is left.
    const widest = Math.max(...events.map((e) => t.width(formatDate(e.date), timelineStyles(s).date)));
    if (widest > slotW - 2 * CARD_PAD - 6 && s !== steps.at(-1)) continue;
    const cards = Math.max(0, ...slots.map((x) => (x.event ? cardHeight(x.event, slotW, s, t) : 0)));
    const spanH = hasSpans
      ? Math.max(
          H_GEOMETRY.span,
          ...placed.map((p) => spanHeight(p, spanWidth(p, slotW, H_GEOMETRY.gap), s, t)),
        )
      : 0;
    hNeed = cards + H_GEOMETRY.axis + spanH;
    if (hNeed <= frame.height) {
      horizontal = s;
      break;
    }
  }
  if (!horizontal) return { orientation: 'horizontal', need: hNeed, have: frame.height };

  const cardW = frame.width - (hasSpans ? V_GEOMETRY.span : 0) - V_GEOMETRY.axis;
  // On a narrow screen, details give way before the text shrinks below its floor.
  let vertical: TimelineSizes | undefined;
  let vNeed = 0;
  let dateWidth = 0;
  let compact = false;
  search: for (const drop of [false, true]) {
    for (const s of sizeSteps()) {
      const date = timelineStyles(s).date;
      dateWidth = Math.ceil(Math.max(...events.map((e) => t.width(formatDate(e.date), date)))) + 20;
      const rows = slots.map((x, i) => {
        const card = x.event ? cardHeight(x.event, cardW, s, t, dateWidth, drop) : 0;
        // An empty slot is as tall as its span's label.
        const span = placed.find((p) => p.first === i && p.last === i);
        return Math.max(card, span ? spanHeight(span, V_GEOMETRY.span, s, t) : 0);
      });
      vNeed = rows.reduce((a, b) => a + b, 0) + V_GEOMETRY.gap * (n - 1);
      if (vNeed <= frame.height) {
        vertical = s;
        compact = drop;
        break search;
      }
    }
  }
  if (!vertical) return { orientation: 'vertical', need: vNeed, have: frame.height };
  return { slots, spans: placed, horizontal, vertical, dateWidth, compact };
}

/** A span's box: its dates over its title. */
function spanHeight(span: SpanInput, width: number, s: TimelineSizes, t: Typesetter): number {
  const st = timelineStyles(s);
  const inner = width - 48; // padding, border, margin
  const lines =
    t.wrap(spanDates(span.from, span.to), inner, st.spanDate).length +
    t.wrap(span.title, inner, st.spanTitle).length;
  return Math.ceil(lines * s.span * LINE + 16);
}
