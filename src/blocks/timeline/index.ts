import { type DeckText, deckText } from '../../i18n/deck-text.ts';
import { type BlockContext, defineBlock, type Spec } from '../define.ts';
import { caption, uniqueSources } from '../diagram/html.ts';
import { endOf, parseDate, shownIn, startOf, type TimelineDate, touching } from './dates.ts';
import { type EventInput, layoutTimeline, type SpanInput } from './layout.ts';
import { renderTimeline } from './render.ts';
import { TimelineSchema, type TimelineSpec } from './schema.ts';

const NAME = 'timeline';

/** What the schema cannot check: unique ids, spans that run forward and do not overlap (they may touch). */
function check(
  spec: Spec<TimelineSpec>,
  words: DeckText,
): { events: EventInput[]; spans: SpanInput[] } | undefined {
  const { value } = spec;
  let ok = true;
  const seen = new Set<string>();
  const events = value.events.map((e, i) => {
    const id = e.id ?? `e${i + 1}`;
    if (seen.has(id)) {
      ok = false;
      spec.problem(
        ['events', i, e.id ? 'id' : 'date'],
        `duplicate event id "${id}": give each event its own id`,
      );
    }
    seen.add(id);
    const source = e.source && words.source + e.source;
    return { id, date: shownIn(parseDate(e.date)!, words), title: e.title, detail: e.detail, source };
  });
  const spans = value.spans.map((s, i) => {
    const from = shownIn(parseDate(s.from)!, words);
    const to: TimelineDate = s.to ? shownIn(parseDate(s.to)!, words) : from;
    if (endOf(to) < startOf(from)) {
      ok = false;
      spec.problem(
        ['spans', i, 'to'],
        `span "${s.title}" ends (${s.to}) before it starts (${s.from}): swap from and to`,
      );
    }
    return { from, to, title: s.title, index: i };
  });
  const byStart = [...spans].sort((a, b) => startOf(a.from) - startOf(b.from));
  for (let k = 1; k < byStart.length; k++) {
    const prev = byStart[k - 1]!;
    const cur = byStart[k]!;
    if (startOf(cur.from) <= endOf(prev.to) && !touching(prev, cur)) {
      ok = false;
      spec.problem(
        ['spans', cur.index, 'from'],
        `span "${cur.title}" overlaps span "${prev.title}": spans share one row, so their dates must not overlap`,
      );
    }
  }
  return ok ? { events, spans } : undefined;
}

function render(spec: Spec<TimelineSpec>, ctx: BlockContext): string {
  const words = deckText(ctx.lang);
  const checked = check(spec, words);
  if (!checked) return '';
  const { value } = spec;
  const cap = caption(
    value.caption,
    uniqueSources([...value.spans.map((s) => s.source), value.source]),
    value.width,
    words,
    ctx.host.measure,
    ctx.noBreak,
  );
  const height = value.height - cap.height;
  const layout = layoutTimeline(
    checked.events,
    checked.spans,
    { width: value.width, height },
    ctx.host.measure,
  );
  if ('orientation' in layout) {
    spec.problem(
      ['events'],
      `the ${layout.orientation} timeline does not fit at 28 px text: it needs ${layout.need} px of height and has ${layout.have} px; ` +
        'shorten titles and details, drop events, or raise height (at most 896)',
      'key',
    );
    return '';
  }
  return renderTimeline(layout, {
    id: ctx.id,
    width: value.width,
    height,
    step: value.step === 'events',
    vertical: value.orientation === 'vertical',
    caption: cap,
  });
}

/** ```timeline: dated events on an ordinal axis with optional spans, laid out at build time; vertical on a phone. */
export const timeline = defineBlock({
  name: NAME,
  schema: TimelineSchema,
  render,
  example: 'step: events',
  runtime: './runtime.ts',
  css: '../diagram/style.css',
  narrow: 'reflow',
});
