import { escapeHtml } from '../../compiler/html.ts';
import type { TextMeasure } from '../../compiler/measure.ts';
import { type NoBreakRule, noBreakHtml } from '../../compiler/nowrap.ts';
import type { DeckText } from '../../i18n/deck-text.ts';
import { px } from './geometry.ts';
import { type TextStyle, typesetter } from './text.ts';

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
/** The theme's .diagram-caption: regular weight. */
const CAPTION_STYLE: TextStyle = { size: CAPTION_SIZE, weight: 400 };

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
  measure: TextMeasure,
  noBreak: NoBreakRule,
): { html: string; height: number } {
  const t = typesetter(measure);
  const parts: string[] = [];
  let count = 0;
  if (text) {
    parts.push(`<span class="diagram-caption-text">${escapeHtml(text)}</span>`);
    count += t.wrap(text, width, CAPTION_STYLE).length;
  }
  if (sources.length > 0) {
    const line = words.source + sources.join(words.sourceJoin);
    parts.push(`<span class="diagram-source" data-source-line>${noBreakHtml(line, noBreak)}</span>`);
    count += t.wrap(line, width, CAPTION_STYLE).length;
  }
  if (count === 0) return { html: '', height: 0 };
  return {
    html: `<figcaption class="diagram-caption">${parts.join('')}</figcaption>`,
    height: Math.ceil(count * CAPTION_SIZE * CAPTION_LINE) + 12,
  };
}
