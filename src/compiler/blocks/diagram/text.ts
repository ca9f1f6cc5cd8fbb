/**
 * Build-time text measurement for diagrams. The deck's font (Noto Sans SC) draws every CJK character
 * and full-width punctuation mark exactly 1em wide; Latin glyphs average 0.53–0.59em (regular–bold).
 * The estimates below round Latin up so a box sized from them always holds the real text.
 */

/** Width of one character in em. */
function charEm(c: string): number {
  const code = c.codePointAt(0) ?? 0;
  if (code > 0x7e) return 1; // CJK, full-width punctuation, anything outside ASCII: a full em
  if (c === ' ') return 0.25;
  if ('.,:;!|\'"`ijl()[]'.includes(c)) return 0.35;
  if ('%@&WMmw'.includes(c)) return 1;
  if (c >= 'A' && c <= 'Z') return 0.7;
  return 0.6;
}

/** Estimated width of `text` in px at `size` px. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * size;
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

/** Splits a unit that is wider than a line into pieces that fit (a long number or URL). */
function hardBreak(unit: string, maxWidth: number, size: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  for (const c of unit) {
    if (cur && textWidth(cur + c, size) > maxWidth) {
      pieces.push(cur);
      cur = '';
    }
    cur += c;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

interface Unit {
  text: string;
  /** Width in em, and without its trailing space (a line may end there). */
  em: number;
  trimmed: number;
}

/** Layout searches wrap the same labels at many widths: split and measure each paragraph once. */
const unitCache = new Map<string, Unit[]>();

function unitsOf(paragraph: string): Unit[] {
  let units = unitCache.get(paragraph);
  if (!units) {
    units = breakUnits(paragraph).map((text) => ({
      text,
      em: textWidth(text, 1),
      trimmed: textWidth(text.trimEnd(), 1),
    }));
    if (unitCache.size > 2000) unitCache.clear();
    unitCache.set(paragraph, units);
  }
  return units;
}

/** Greedy line breaking: the lines of `text` at `size` px that each fit in `maxWidth` px. */
export function wrapText(text: string, maxWidth: number, size: number): string[] {
  const lines: string[] = [];
  const max = maxWidth / size + 1e-9;
  for (const paragraph of text.split('\n')) {
    let line = '';
    let em = 0;
    for (const unit of unitsOf(paragraph.trim())) {
      if (em + unit.trimmed <= max) {
        line += unit.text;
        em += unit.em;
        continue;
      }
      if (line) lines.push(line.trimEnd());
      line = '';
      em = 0;
      if (unit.trimmed <= max) {
        line = unit.text;
        em = unit.em;
      } else {
        const pieces = hardBreak(unit.text.trimEnd(), maxWidth, size);
        line = pieces.pop() ?? '';
        em = textWidth(line, 1);
        lines.push(...pieces);
      }
    }
    if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  }
  return lines;
}

/** Width of the widest line. */
export function linesWidth(lines: string[], size: number): number {
  return Math.max(0, ...lines.map((l) => textWidth(l, size)));
}

/**
 * Like `wrapText`, with lines of even length: the narrowest width that still gives as few lines as greedy
 * breaking at `maxWidth` does, so a label never ends on a lone character.
 */
export function wrapBalanced(text: string, maxWidth: number, size: number): string[] {
  const greedy = wrapText(text, maxWidth, size);
  if (greedy.length < 2) return greedy;
  let lo = linesWidth(greedy, size) / greedy.length;
  let hi = maxWidth;
  let best = greedy;
  for (let i = 0; i < 12 && hi - lo > 1; i++) {
    const mid = (lo + hi) / 2;
    const attempt = wrapText(text, mid, size);
    if (attempt.length <= greedy.length) {
      best = attempt;
      hi = mid;
    } else lo = mid;
  }
  return best;
}
