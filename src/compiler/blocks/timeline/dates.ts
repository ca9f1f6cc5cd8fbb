/** A timeline date: a year, a month or a day. */
export interface TimelineDate {
  year: number;
  month?: number | undefined;
  day?: number | undefined;
  /** As written: 2020-07-09, 2023-12 or 2023. */
  iso: string;
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

/** How the slide shows a date: 2020年7月9日, 2023年12月, 2023年. */
export function formatDate(d: TimelineDate): string {
  return `${d.year}年${d.month ? `${d.month}月` : ''}${d.day ? `${d.day}日` : ''}`;
}
