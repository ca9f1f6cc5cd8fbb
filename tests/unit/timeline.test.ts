import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { endOf, formatDate, parseDate, shownIn, startOf } from '../../src/blocks/timeline/dates.ts';
import { H_GEOMETRY, layoutTimeline, slotsFor, spanLines } from '../../src/blocks/timeline/layout.ts';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { deckText } from '../../src/i18n/deck-text.ts';
import { loadDeck } from '../../src/node/load.ts';
import { deckFontMeasure } from '../../src/node/metrics.ts';
import { compile, dom, fixture } from './helpers.ts';
import { realWidth } from './real-font.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
/** This repository's deck, as `deck build` compiles it. */
const ownDeck = loadDeck({ root: repo, config: await resolveDeckConfig(repo) });
/** The English example: Latin labels as an English deck writes them. */
const english = loadDeck({
  root: `${repo}/examples/en`,
  config: await resolveDeckConfig(`${repo}/examples/en`),
});

describe('timeline dates', () => {
  it('reads a day, a month or a year, and rejects the rest', () => {
    expect(parseDate('2020-07-09')).toMatchObject({ year: 2020, month: 7, day: 9 });
    expect(parseDate('2023-12')).toMatchObject({ year: 2023, month: 12, day: undefined });
    expect(parseDate('2023')).toMatchObject({ year: 2023, month: undefined });
    for (const bad of ['2020-7-9', '2023-13', '2023-02-29', '23', '2023/12', '2023-12-01T00:00']) {
      expect(parseDate(bad), bad).toBeUndefined();
    }
    expect(parseDate('2024-02-29')).toBeDefined();
  });

  it('formats dates the way the slides write them, in the deck’s language', () => {
    const dates = (lang: string) =>
      ['2020-07-09', '2023-12', '2019'].map((d) => formatDate(shownIn(parseDate(d)!, deckText(lang))));
    expect(dates('zh-Hans')).toEqual(['2020年7月9日', '2023年12月', '2019年']);
    expect(dates('en')).toEqual(['July 9, 2020', 'December 2023', '2019']);
  });

  it('a year covers its whole span, so it contains its months and days', () => {
    const year = parseDate('2023')!;
    const day = parseDate('2023-12-27')!;
    expect(startOf(year)).toBeLessThanOrEqual(startOf(day));
    expect(endOf(year)).toBeGreaterThanOrEqual(startOf(day));
  });
});

describe('timeline slots: ordinal axis with spans', () => {
  const event = (id: string, date: string) => ({ id, date: parseDate(date)!, title: id });
  const span = (from: string, title: string, to = from) => ({
    from: parseDate(from)!,
    to: parseDate(to)!,
    title,
  });

  it('sorts events by date, and gives a span with no event an empty slot of its own', () => {
    const { slots, spans } = slotsFor(
      [event('b', '2023-12-27'), event('a', '2019'), event('c', '2025-05-14')],
      [span('2023', '突破'), span('2024', '深化'), span('2025', '提升')],
    );
    expect(slots.map((s) => s.event?.id ?? '-')).toEqual(['a', 'b', '-', 'c']);
    expect(spans.map((s) => `${s.title}:${s.first}-${s.last}`)).toEqual(['突破:1-1', '深化:2-2', '提升:3-3']);
  });

  it('a span over several events covers all their slots', () => {
    const { spans } = slotsFor(
      [event('a', '2016-03'), event('b', '2017-05'), event('c', '2018')],
      [span('2016', '两年', '2017')],
    );
    expect(spans.map((s) => [s.first, s.last])).toEqual([[0, 1]]);
  });

  it('spans that only touch (2023–2024, then 2024–2025) share the slot of their date, each on its half', () => {
    const { spans } = slotsFor(
      [event('a', '2023'), event('b', '2024'), event('c', '2025')],
      [span('2023', 'first', '2024'), span('2024', 'second', '2025')],
    );
    expect(spans.map((s) => `${s.title}:${s.first}-${s.last}`)).toEqual(['first:0-1', 'second:1-2']);
    // Slot 1 is grid lines 3–5: the first span ends at its middle (4), the second starts there.
    expect(spans.map((s) => spanLines(s))).toEqual([
      { start: 1, end: 4 },
      { start: 4, end: 7 },
    ]);
  });

  it('spans sharing more than an endpoint do not touch: each keeps its whole slots', () => {
    const { spans } = slotsFor(
      [event('a', '2023'), event('b', '2024')],
      [span('2023', 'first', '2024'), span('2024-06', 'inside', '2024-09'), span('2024', 'same')],
    );
    expect(spans.map((s) => [s.halfStart, s.halfEnd])).toEqual([
      [false, false],
      [false, false],
      [false, false],
    ]);
  });

  it('touching spans compile without a problem; spans with a day in common are one', () => {
    const deck = (spans: string[]) =>
      compile({
        'slides/a.md': [
          '```timeline',
          'events:',
          '  - {date: 2023, title: a}',
          '  - {date: 2024, title: b}',
          '  - {date: 2025, title: c}',
          'spans:',
          ...spans,
          '```',
        ].join('\n'),
      }).diagnostics.map(formatDiagnostic);
    expect(deck(['  - {from: 2023, to: 2024, title: A}', '  - {from: 2024, to: 2025, title: B}'])).toEqual(
      [],
    );
    expect(
      deck(['  - {from: 2023-01, to: 2024-06, title: A}', '  - {from: 2024, to: 2025, title: B}']),
    ).toEqual([
      'slides/a.md:8:12: timeline: span "B" overlaps span "A": spans share one row, so their dates must not overlap',
    ]);
  });

  it('checks both orientations against the frame and reports which one does not fit', () => {
    const many = Array.from({ length: 12 }, (_, i) => event(`e${i}`, `${2000 + i}`));
    const fits = layoutTimeline(many.slice(0, 4), [], { width: 1680, height: 700 }, deckFontMeasure);
    expect('slots' in fits).toBe(true);
    const tooMany = layoutTimeline(
      many.map((e) => ({ ...e, title: '一个相当长的标题'.repeat(6) })),
      [],
      { width: 1680, height: 300 },
      deckFontMeasure,
    );
    expect(tooMany).toMatchObject({ orientation: 'horizontal' });
  });

  it('drops details in the vertical layout before it gives up', () => {
    const events = Array.from({ length: 8 }, (_, i) => ({
      ...event(`e${i}`, `${2000 + i}`),
      detail: '细节文字'.repeat(10),
    }));
    const layout = layoutTimeline(events, [], { width: 1680, height: 760 }, deckFontMeasure);
    expect(layout).toMatchObject({ compact: true });
  });
});

describe('timeline: spec to structure (fixture: diagrams)', () => {
  const deck = fixture('diagrams');
  const [stepped, plain] = [...dom(deck).querySelectorAll('[data-block="timeline"]')];

  it('renders events in date order with their slot, date and title', () => {
    const events = [...stepped!.querySelectorAll('.tl-event')];
    expect(events.map((e) => e.getAttribute('data-node'))).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(events.map((e) => e.getAttribute('style'))).toEqual([
      // Two grid tracks a slot: slot i starts at line 2i+1.
      '--slot:1',
      '--slot:3',
      '--slot:5',
      '--slot:9',
    ]);
    expect(events.map((e) => e.querySelector('time')?.getAttribute('datetime'))).toEqual([
      '2019',
      '2020-07-09',
      '2023-12-27',
      '2025-05-14',
    ]);
    expect(events[1]!.querySelector('time')?.textContent).toBe('2020年7月9日');
    expect(events[0]!.querySelector('.tl-detail')?.textContent).toBe('实施意见、若干政策、行动计划');
    expect(events[3]!.querySelector('.tl-source')?.textContent).toBe('来源：天天要闻，2025-05-14');
  });

  it('places spans on the slots they cover, with their sources in the caption', () => {
    const spans = [...stepped!.querySelectorAll('.tl-span')];
    expect(
      spans.map((s) => `${s.querySelector('.tl-span-title')?.textContent}@${s.getAttribute('style')}`),
    ).toEqual([
      '项目突破年@--first:5;--last:7',
      '项目深化年@--first:7;--last:9',
      '项目提升年@--first:9;--last:11',
    ]);
    expect(stepped!.querySelector('figcaption')?.textContent).toBe('来源：e23.cn，2025-03-05');
  });

  it('step: events makes one fragment per event, in date order', () => {
    expect(stepped!.getAttribute('data-step')).toBe('events');
    expect(
      [...stepped!.querySelectorAll('.tl-event')].map(
        (e) => `${e.classList.contains('fragment')}:${e.getAttribute('data-fragment-index')}`,
      ),
    ).toEqual(['true:1', 'true:2', 'true:3', 'true:4']);
    expect(plain!.querySelectorAll('.fragment')).toHaveLength(0);
    expect(plain!.hasAttribute('data-step')).toBe(false);
  });

  it('orientation: vertical sets the rows down the slide at every size (a list); the default stays across', () => {
    const deck = compile({
      'slides/a.md': [
        '```timeline',
        'orientation: vertical',
        'events:',
        '  - {date: 2019, title: 发文推进工业强市}',
        '  - {date: 2020-07-09, title: 动员大会}',
        '  - {date: 2023-12-27, title: 再出发}',
        '```',
      ].join('\n'),
    });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
    const list = dom(deck).querySelector('[data-block="timeline"]');
    expect(list?.getAttribute('data-orientation')).toBe('vertical');
    expect(plain!.hasAttribute('data-orientation')).toBe(false);
    expect(stepped!.hasAttribute('data-orientation')).toBe(false);
  });

  it('uses given ids and carries text sizes for both orientations, all at least 28 px', () => {
    expect([...plain!.querySelectorAll('.tl-event')].map((e) => e.getAttribute('data-node'))).toEqual([
      'start',
      'end',
    ]);
    const sizes = [
      ...plain!.getAttribute('style')!.matchAll(/--tl-[hv]-(?:date|title|detail|span):(\d+)px/g),
    ].map((m) => Number(m[1]));
    expect(sizes).toHaveLength(8);
    for (const s of sizes) expect(s).toBeGreaterThanOrEqual(28);
  });
});

describe('timeline: diagnostics at their line (fixture: diagrams-broken)', () => {
  it('reports bad dates, duplicate ids, overlapping and backward spans, unknown keys, bad YAML', () => {
    const problems = fixture('diagrams-broken')
      .diagnostics.map(formatDiagnostic)
      .filter((d) => d.includes('timeline:'));
    expect(problems).toEqual([
      'slides/02-timeline.md:5:12: timeline: events[0].date must be a date written 2020-07-09, 2023-12 or 2023; got "2020-7-9"',
      'slides/02-timeline.md:6:12: timeline: events[1].date must be a date written 2020-07-09, 2023-12 or 2023; got "2023-02-30"',
      'slides/02-timeline.md:7:12: timeline: events[2].date must be a date written 2020-07-09, 2023-12 or 2023; got "2023-13"',
      'slides/02-timeline.md:17:10: timeline: duplicate event id "x": give each event its own id',
      // 前 (2023–2024) and 后 (2024) only touch: not a problem; 叠 (2024-06 to 2024-12) lies inside 后.
      'slides/02-timeline.md:21:12: timeline: span "叠" overlaps span "后": spans share one row, so their dates must not overlap',
      'slides/02-timeline.md:22:22: timeline: span "倒" ends (2023) before it starts (2025): swap from and to',
      'slides/02-timeline.md:31:5: timeline: events[0] needs "title": add title: …',
      'slides/02-timeline.md:31:18: timeline: unknown key "titel" in events[0]: did you mean "title"? known keys are date, title, detail, source, id',
      'slides/02-timeline.md:35:7: timeline: step must be one of none, events; got "all"',
      'slides/02-timeline.md:36:9: timeline: events is empty: list at least one event with date and title',
      'slides/02-timeline.md:45:11: timeline: the spec is not valid YAML (Nested mappings are not allowed in compact mappings): fix the indentation or quoting',
    ]);
  });
});

describe('timeline text in the deck font (fixture: diagrams, the deck, the English example)', () => {
  const timelines = [
    ...dom(fixture('diagrams')).querySelectorAll('[data-block="timeline"]'),
    ...dom(ownDeck).querySelectorAll('[data-block="timeline"]'),
    ...dom(english).querySelectorAll('[data-block="timeline"]'),
  ];

  it('every date stays on one line: in its card across, in the date column down', () => {
    expect(timelines.length).toBeGreaterThanOrEqual(4);
    for (const tl of timelines) {
      const style = tl.getAttribute('style')!;
      const px = (name: string) => Number(new RegExp(`(?:^|;)${name}:([\\d.]+)(?:px)?`).exec(style)![1]);
      const slots = px('--tl-slots');
      const slotW = (px('width') - (slots - 1) * H_GEOMETRY.gap) / slots;
      for (const time of tl.querySelectorAll('.tl-date')) {
        const date = time.textContent!;
        // Dates are bold. Across: the card's 14 px padding each side. Down: the date column the layout sized.
        expect(realWidth(date, px('--tl-h-date'), 700), date).toBeLessThanOrEqual(slotW - 28);
        expect(realWidth(date, px('--tl-v-date'), 700), date).toBeLessThanOrEqual(px('--tl-v-date-w'));
      }
    }
  });
});
