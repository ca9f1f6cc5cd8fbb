import type { DeckText } from '../../../i18n/deck-text.ts';
import { escapeHtml } from '../../html.ts';
import { noBreakHtml } from '../../nowrap.ts';
import { px } from './geometry.ts';
import { wrapText } from './text.ts';

/** Pre-wrapped lines as spans: the browser never rewraps them, so the build-time layout holds. */
export function lines(list: string[], className: string): string {
  return list.map((l) => `<span class="${className}">${escapeHtml(l)}</span>`).join('');
}

/** Inline style from design-px numbers and plain values. */
export function style(props: Record<string, string | number | undefined>): string {
  return Object.entries(props)
    .filter(([, value]) => value !== undefined)
    .map(([k, value]) => `${k}:${typeof value === 'number' ? `${px(value)}px` : value}`)
    .join(';');
}

export const CAPTION_SIZE = 24;
const CAPTION_LINE = 1.4;

/** The distinct sources of a figure, in order of first use. */
export function uniqueSources(list: (string | undefined)[]): string[] {
  return [...new Set(list.filter((s): s is string => Boolean(s)))];
}

/** A figure's caption and sources, and the height they take at `width`. */
export function caption(
  text: string | undefined,
  sources: string[],
  width: number,
  words: DeckText,
): { html: string; height: number } {
  const parts: string[] = [];
  let count = 0;
  if (text) {
    parts.push(`<span class="diagram-caption-text">${escapeHtml(text)}</span>`);
    count += wrapText(text, width, CAPTION_SIZE).length;
  }
  if (sources.length > 0) {
    const line = words.source + sources.join(words.sourceJoin);
    parts.push(`<span class="diagram-source">${noBreakHtml(line)}</span>`);
    count += wrapText(line, width, CAPTION_SIZE).length;
  }
  if (count === 0) return { html: '', height: 0 };
  return {
    html: `<figcaption class="diagram-caption">${parts.join('')}</figcaption>`,
    height: Math.ceil(count * CAPTION_SIZE * CAPTION_LINE) + 12,
  };
}
