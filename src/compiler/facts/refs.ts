import type { DeckText } from '../../i18n/deck-text.ts';
import { suggest } from '../suggest.ts';
import type { Fact, Facts } from './load.ts';

/**
 * `[[fact-id]]` cites a fact by id (its value and unit), `[[fact-id|value]]` its number alone and
 * `[[src:source-id]]` a source by id (its short name). The same syntax works in markdown and in block specs.
 */
export const REF_PATTERN = /\[\[(src:)?([A-Za-z0-9][\w.-]*)(?:\|(value))?\]\]/g;

export interface Ref {
  kind: 'fact' | 'source';
  id: string;
  part: 'all' | 'value';
  index: number;
  length: number;
}

export function findRefs(text: string): Ref[] {
  return [...text.matchAll(REF_PATTERN)].map((m) => ({
    kind: m[1] ? 'source' : 'fact',
    id: m[2]!,
    part: m[3] === 'value' ? 'value' : 'all',
    index: m.index,
    length: m[0].length,
  }));
}

/** The text a reference stands for, or a message saying how to fix it. */
export type Resolved =
  | { ok: true; text: string; fact?: Fact; source: string; sourceId: string }
  | { ok: false; message: string };

export function resolveRef(ref: Pick<Ref, 'kind' | 'id' | 'part'>, facts: Facts): Resolved {
  if (ref.kind === 'source') {
    const source = facts.sources[ref.id];
    if (!source)
      return { ok: false, message: unknown('source', ref.id, Object.keys(facts.sources), facts.file) };
    return { ok: true, text: source.short, source: source.short, sourceId: ref.id };
  }
  const fact = facts.facts[ref.id];
  if (!fact) return { ok: false, message: unknown('fact', ref.id, Object.keys(facts.facts), facts.file) };
  const text = ref.part === 'value' ? formatNumber(fact.value) : withUnit(fact.value, fact.unit);
  return {
    ok: true,
    text,
    fact,
    source: facts.sources[fact.source]?.short ?? fact.source,
    sourceId: fact.source,
  };
}

/** An unknown id, with near ones, and the facts file that lists the known ones. */
export function unknown(kind: 'fact' | 'source', id: string, known: string[], file: string): string {
  const near = suggest(id, known, 3);
  return (
    `unknown ${kind} "${id}"` +
    (near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : '') +
    ` (${kind === 'fact' ? 'facts' : 'sources'} are listed in ${file})`
  );
}

/** Plain decimal notation as the article writes numbers: 10189.4, 4.07, 4500. */
export function formatNumber(value: number): string {
  return String(value);
}

/**
 * A number and its unit as prose writes them: a word unit after a space (126000 loaves), a Chinese one or a
 * sign without (10189.4亿元, 25%).
 */
export function withUnit(value: number, unit: string): string {
  return formatNumber(value) + (spacedUnit(unit) ? ' ' : '') + unit;
}

const spacedUnit = (unit: string) => /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u.test(unit);

/** The mark a figure carries when the deck computed it rather than read it. */
export function factMark(fact: Fact, text: DeckText): string {
  return fact.derived ? text.derived : '';
}

/** The unit as written right after a number: "个以上" → "个", "%左右" → "%". */
function unitHead(unit: string): string {
  return unit.replace(/(以上|左右|以下)$/, '');
}

export interface HandTyped {
  index: number;
  text: string;
  ids: string[];
}

/**
 * Numbers typed by hand where a fact holds them: a number followed by the unit of a fact with that value
 * ("10189.4亿元", "550个"). Such a number would not change with the facts file, nor carry its source.
 */
export function handTyped(text: string, facts: Facts): HandTyped[] {
  const out: HandTyped[] = [];
  for (const m of text.matchAll(/(?<![\d.\w-])\d+(?:\.\d+)?/g)) {
    const value = Number(m[0]);
    const rest = text.slice(m.index + m[0].length);
    const after = rest.startsWith(' ') ? rest.slice(1) : rest;
    const ids = Object.entries(facts.facts)
      .filter(([, f]) => f.value === value && unitHead(f.unit) !== '' && after.startsWith(unitHead(f.unit)))
      .map(([id]) => id);
    if (ids.length > 0) out.push({ index: m.index, text: m[0], ids });
  }
  return out;
}

export function handTypedMessage(h: HandTyped): string {
  return `"${h.text}" is typed by hand but the facts file holds it: write ${h.ids.map((id) => `[[${id}]]`).join(' or ')} so the number keeps its unit and source`;
}

/** Replaces every character of the references in `text` by a space, keeping offsets. */
export function maskRefs(text: string): string {
  return text.replace(REF_PATTERN, (m) => ' '.repeat(m.length));
}
