import type { TextMeasure } from '../../compiler/measure.ts';

/**
 * Build-time text measurement and line breaking for diagrams, with the host's measure of the page's own font
 * (see CompileHost.measure): a box sized here holds its text in the browser.
 */

/** How a run of diagram text is set, as the theme's CSS sets it. */
export interface TextStyle {
  /** Font size in design px. */
  size: number;
  /** CSS font-weight. */
  weight: number;
  /** CSS letter-spacing in em, added after every character. */
  letterSpacing?: number;
}

/** Marks that must not start a line (they stay with the character before). */
const CLOSING = new Set([...'，。、；：！？）》」』】〕”’%％)]},.;:!?·…—']);
/** Units of measure that stay with the number before them: 2022年, 13条, 5187.9亿元. */
const UNITS = new Set([...'年月日号条个亿万元倍项家次场']);
/** Marks that must not end a line (they stay with the character after). */
const OPENING = new Set([...'（《「『【〔“‘([{']);

/**
 * Splits text into units that a line may break between: one CJK character each, a Latin word or number
 * whole, with closing punctuation kept on the unit before and opening punctuation on the unit after.
 */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  let pending = ''; // opening marks waiting for the next unit
  const push = (u: string) => {
    units.push(pending + u);
    pending = '';
  };
  for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9.,%+\-/_]*|\s+|./gsu)) {
    const part = m[0];
    if (/^\s+$/.test(part)) {
      if (units.length > 0) units[units.length - 1] += ' ';
      continue;
    }
    if (OPENING.has(part)) {
      pending += part;
      continue;
    }
    const prev = units[units.length - 1];
    const afterNumber = prev !== undefined && /[0-9]$/.test(prev) && UNITS.has(part);
    if ((CLOSING.has(part) || afterNumber) && prev !== undefined && pending === '') {
      units[units.length - 1] += part;
      continue;
    }
    push(part);
  }
  if (pending) push('');
  return units;
}

interface Unit {
  text: string;
  /** Width in em, and without its trailing space (a line may end there). */
  em: number;
  trimmed: number;
}

/** Measures and breaks diagram text with one host measure; splits and widths are cached per style. */
export interface Typesetter {
  /** Width in px of `text` on one line. */
  width(text: string, style: TextStyle): number;
  /** Greedy line breaking: the lines of `text` that each fit in `maxWidth` px. */
  wrap(text: string, maxWidth: number, style: TextStyle): string[];
  /**
   * Like `wrap`, with lines of even length: the narrowest width that still gives as few lines as greedy
   * breaking at `maxWidth` does, so a label never ends on a lone character.
   */
  balanced(text: string, maxWidth: number, style: TextStyle): string[];
  /** Width in px of the widest line. */
  linesWidth(lines: string[], style: TextStyle): number;
}

const typesetters = new WeakMap<TextMeasure, Typesetter>();

/** The typesetter of a measure, made once, so every block of a build shares its caches. */
export function typesetter(measure: TextMeasure): Typesetter {
  let t = typesetters.get(measure);
  if (!t) {
    t = createTypesetter(measure);
    typesetters.set(measure, t);
  }
  return t;
}

function createTypesetter(measure: TextMeasure): Typesetter {
  /** Layout searches wrap the same labels at many widths: split and measure each paragraph once per style. */
  const unitCache = new Map<string, Unit[]>();
  const em = (text: string, style: TextStyle) =>
    measure(text, style.weight) + (style.letterSpacing ?? 0) * [...text].length;

  function unitsOf(paragraph: string, style: TextStyle): Unit[] {
    const key = `${style.weight}|${style.letterSpacing ?? 0}|${paragraph}`;
    let units = unitCache.get(key);
    if (!units) {
      units = breakUnits(paragraph).map((text) => ({
        text,
        em: em(text, style),
        trimmed: em(text.trimEnd(), style),
      }));
      if (unitCache.size > 20000) unitCache.clear();
      unitCache.set(key, units);
    }
    return units;
  }

  /** Em width of one line: its units, the last without its trailing space. */
  function lineEm(line: string, style: TextStyle): number {
    const units = unitsOf(line.trim(), style);
    let total = 0;
    units.forEach((u, i) => {
      total += i === units.length - 1 ? u.trimmed : u.em;
    });
    return total;
  }

  const width = (text: string, style: TextStyle) =>
    Math.max(0, ...text.split('\n').map((l) => lineEm(l, style))) * style.size;

  /** Splits a unit that is wider than a line into pieces that fit (a long number or URL). */
  function hardBreak(unit: string, maxEm: number, style: TextStyle): string[] {
    const pieces: string[] = [];
    let cur = '';
    let curEm = 0;
    for (const c of unit) {
      const w = em(c, style);
      if (cur && curEm + w > maxEm) {
        pieces.push(cur);
        cur = '';
        curEm = 0;
      }
      cur += c;
      curEm += w;
    }
    if (cur) pieces.push(cur);
    return pieces;
  }

  function wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    const lines: string[] = [];
    const max = maxWidth / style.size + 1e-9;
    for (const paragraph of text.split('\n')) {
      let line = '';
      let used = 0;
      for (const unit of unitsOf(paragraph.trim(), style)) {
        if (used + unit.trimmed <= max) {
          line += unit.text;
          used += unit.em;
          continue;
        }
        if (line) lines.push(line.trimEnd());
        line = '';
        used = 0;
        if (unit.trimmed <= max) {
          line = unit.text;
          used = unit.em;
        } else {
          const pieces = hardBreak(unit.text.trimEnd(), max, style);
          line = pieces.pop() ?? '';
          used = em(line, style);
          lines.push(...pieces);
        }
      }
      if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
    }
    return lines;
  }

  const linesWidth = (lines: string[], style: TextStyle) =>
    Math.max(0, ...lines.map((l) => lineEm(l, style) * style.size));

  function balanced(text: string, maxWidth: number, style: TextStyle): string[] {
    const greedy = wrap(text, maxWidth, style);
    if (greedy.length < 2) return greedy;
    let lo = linesWidth(greedy, style) / greedy.length;
    let hi = maxWidth;
    let best = greedy;
    for (let i = 0; i < 12 && hi - lo > 1; i++) {
      const mid = (lo + hi) / 2;
      const attempt = wrap(text, mid, style);
      if (attempt.length <= greedy.length) {
        best = attempt;
        hi = mid;
      } else lo = mid;
    }
    return best;
  }

  return { width, wrap, balanced, linesWidth };
}
