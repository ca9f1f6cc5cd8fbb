import type { DeckText } from '../i18n/deck-text.ts';
import type { Facts } from './facts/load.ts';
import { resolveRef } from './facts/refs.ts';
import { escapeHtml } from './html.ts';
import { type NoBreakRule, noBreakHtml } from './nowrap.ts';

/** What a slide cites and arranges, gathered while it renders. */
export interface SlideProvenance {
  /** Sources by id → short name, in order of first citation (prose and blocks). */
  sources: ReadonlyMap<string, string>;
  /** Facts cited, by id, in order. */
  facts: ReadonlySet<string>;
  /** The rendered provenance part of the notes, or ''. */
  note: string;
  /** Whether the slide holds content the deck arranged itself (`data-interpretation`, `.interp`). */
  interpreted: boolean;
}

/** Whether rendered slide HTML marks something as the deck's own arrangement. */
export const interpretedIn = (html: string): boolean =>
  /\sdata-interpretation\b|\sclass="(?:[^"]*\s)?interp(?:\s[^"]*)?"/.test(html);

/** Characters of short names a source line holds before it names only the first (a phone line at 14 px). */
const LINE_CHARS = 36;

/**
 * The slide's one source line: its sources' short names when they fit on a short line, else the first and
 * how many there are (the provenance view and the sources slide give them all).
 */
export function sourceLine(words: DeckText, sources: readonly string[], rule: NoBreakRule): string {
  const [first] = sources;
  if (first === undefined) return '';
  const all = sources.join(words.sourceJoin);
  if (sources.length === 1 || [...all].length <= LINE_CHARS)
    return (
      escapeHtml(words.source) + sources.map((s) => noBreakHtml(s, rule)).join(escapeHtml(words.sourceJoin))
    );
  return escapeHtml(words.source) + noBreakHtml(first, rule) + escapeHtml(words.moreSources(sources.length));
}

/**
 * The slide's provenance panel, hidden on the projected slide and shown by the provenance view (and beside
 * the notes in the presenter view): what the deck arranged itself, every figure with its source, and each
 * source cited in full. Empty when the slide cites and arranges nothing.
 */
export function provenancePanel(
  p: SlideProvenance,
  facts: Facts | undefined,
  words: DeckText,
  rule: NoBreakRule,
): string {
  const parts: string[] = [];
  if (p.interpreted || p.note) {
    parts.push(
      `<div class="prov-deck"><p class="prov-label">${escapeHtml(words.provenanceDeck)}</p>` +
        (p.interpreted ? `<p class="prov-framed">${escapeHtml(words.provenanceFramed)}</p>` : '') +
        p.note +
        '</div>',
    );
  }
  const figures = facts
    ? [...p.facts].flatMap((id) => {
        const r = resolveRef({ kind: 'fact', id, part: 'all' }, facts);
        if (!r.ok || !r.fact) return [];
        const mark = r.fact.derived ? ` · ${words.derived}` : '';
        return [
          `<li data-prov-fact="${escapeHtml(id)}"><b>${noBreakHtml(r.text, rule)}</b> ${escapeHtml(r.fact.text)}` +
            `<span class="prov-source">${escapeHtml(words.source)}${escapeHtml(r.source + mark)}</span></li>`,
        ];
      })
    : [];
  if (figures.length > 0)
    parts.push(
      `<p class="prov-label">${escapeHtml(words.provenanceFigures)}</p><ul class="prov-facts">${figures.join('')}</ul>`,
    );
  const sources = [...p.sources].map(([id, short]) => {
    const s = facts?.sources[id];
    if (!s) return `<li>${escapeHtml(short)}</li>`;
    const detail = [s.publisher, s.date].filter(Boolean).join(' · ');
    return (
      `<li data-source-id="${escapeHtml(id)}"><b>${escapeHtml(s.title)}</b>` +
      (detail ? ` <span class="source-detail">${escapeHtml(detail)}</span>` : '') +
      (s.url ? ` <span class="source-url">${escapeHtml(s.url)}</span>` : '') +
      '</li>'
    );
  });
  if (sources.length > 0)
    parts.push(
      `<p class="prov-label">${escapeHtml(words.provenanceSources)}</p><ol class="prov-sources">${sources.join('')}</ol>`,
    );
  if (parts.length === 0) return '';
  return (
    `<aside class="slide-provenance" aria-label="${escapeHtml(words.provenance)}">` +
    `<p class="prov-title">${escapeHtml(words.provenance)}</p>${parts.join('')}</aside>\n`
  );
}
