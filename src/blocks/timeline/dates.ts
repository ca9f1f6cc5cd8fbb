import type { DeckText } from '../../i18n/deck-text.ts';

/** A timeline date: a year, a month or a day. */
export interface TimelineDate {
  year: number;
  month?: number | undefined;
  day?: number | undefined;
  /** As written: 2020-07-09, 2023-12 or 2023. */
  iso: string;
  /** As the slide shows it, in the deck's language (set by the block): 2020年7月9日, July 9, 2020. */
  shown?: string | undefined;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses `2020-07-09`, `2023-12` or `2023`; undefined for anything else, or a day that does not exist. */
export function parseDate(text: string): TimelineDate | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined) {
    const last = new Date(Date.UTC(year, month!, 0)).getUTCDate();
    if (day < 1 || day > last) return undefined;
  }
  return { year, month, day, iso: m[0] };
}

/** A sortable number for the first day the date covers. */
export const startOf = (d: TimelineDate): number => d.year * 10000 + (d.month ?? 1) * 100 + (d.day ?? 1);

/** A sortable number for the last day the date covers. */
export const endOf = (d: TimelineDate): number => d.year * 10000 + (d.month ?? 12) * 100 + (d.day ?? 31);

/** The same date, written to the same precision (2024 and 2024, not 2024 and 2024-12). */
export const sameDate = (a: TimelineDate, b: TimelineDate): boolean =>
  startOf(a) === startOf(b) && endOf(a) === endOf(b);

/**
 * Two spans in date order that only touch: the second starts on the date the first ends (2023–2024, then
 * 2024–2025), and the first began before it. They share that date's slot, each drawn on its half, so they sit
 * in one row without covering each other; any other shared day is an overlap.
 */
export const touching = (
  prev: { from: TimelineDate; to: TimelineDate },
  cur: { from: TimelineDate },
): boolean => sameDate(prev.to, cur.from) && startOf(prev.from) < startOf(cur.from);

/** How the slide shows a date: in the deck's words (2020年7月9日, July 9, 2020), else as written. */
export function formatDate(d: TimelineDate): string {
  return d.shown ?? d.iso;
}

/** The date with its text in the deck's words. */
export const shownIn = (d: TimelineDate, words: DeckText): TimelineDate => ({
  ...d,
  shown: words.date(d.year, d.month, d.day),
});

/** How a span shows its dates: one date, or from—to. */
export const spanDates = (from: TimelineDate, to: TimelineDate): string =>
  from.iso === to.iso ? formatDate(from) : `${formatDate(from)}—${formatDate(to)}`;
