/**
 * Category tick labels that read: broken into lines only where a line may break (at spaces, between words,
 * never inside one: "Per entry", not "Per ent/ry"; 装备制造业, not 装备制/造业), shortened with an ellipsis
 * only when one word is wider than its room (the data table keeps the full text), and, when they cannot all
 * stand side by side, thinned by one stated rule instead of Chart.js's auto-skip.
 */

/** The width of a text in px, in the font the labels are drawn in. */
export type Measure = (text: string) => number;

const ELLIPSIS = '…';
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The units a label may break between, with whether a space stood before each. A word keeps the punctuation
 * after it (a line never starts with "：" or "%"), and a one-character Chinese word stays with the word before
 * it (制造|业 is one compound).
 */
export function breakUnits(text: string, lang = 'zh'): { text: string; space: boolean }[] {
  const units: { text: string; space: boolean }[] = [];
  let space = false;
  let opening = '';
  for (const s of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) {
    const seg = s.segment;
    if (/^\s+$/u.test(seg)) {
      space = true;
      continue;
    }
    // An opening bracket or quote goes with the word after it.
    if (/^[([{（【「『“‘《〈]+$/u.test(seg)) {
      if (!opening) opening = seg;
      else opening += seg;
      continue;
    }
    const last = units.at(-1);
    const latinJoin = !CJK.test(seg[0] ?? '') && !CJK.test(last?.text.at(-1) ?? '');
    const lone = s.isWordLike === true && [...seg].length === 1 && CJK.test(seg);
    if (last && !space && !opening && (!s.isWordLike || lone || latinJoin)) last.text += seg;
    else units.push({ text: opening + seg, space });
    space = false;
    opening = '';
  }
  if (opening) units.push({ text: opening, space });
  return units;
}

/** The text cut to fit `width` with an ellipsis (whole characters only). */
export function ellipsize(text: string, width: number, measure: Measure): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && measure(chars.join('') + ELLIPSIS) > width) chars.pop();
  return chars.join('') + ELLIPSIS;
}

export interface WrapOptions {
  /** Lines at most; the last one ends with an ellipsis when text is left over. */
  maxLines?: number;
  lang?: string;
}

/**
 * A label as lines no wider than `width`: a "\n" in it is a line break the author asked for; other breaks fall
 * between units (breakUnits). A unit wider than a whole line is shortened with an ellipsis.
 */
export function wrapLabel(label: string, width: number, measure: Measure, o: WrapOptions = {}): string[] {
  const maxLines = o.maxLines ?? 3;
  const lines: string[] = [];
  for (const part of label.split('\n')) {
    let line = '';
    for (const unit of breakUnits(part, o.lang)) {
      const joined = line ? line + (unit.space ? ' ' : '') + unit.text : unit.text;
      if (!line || measure(joined) <= width) line = joined;
      else {
        lines.push(line);
        line = unit.text;
      }
    }
    lines.push(line);
  }
  const fitted = lines.map((l) => ellipsize(l, width, measure));
  if (fitted.length <= maxLines) return fitted;
  const kept = fitted.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(`${kept[maxLines - 1]}${ELLIPSIS}`, width, measure);
  return kept;
}

/** A word is shortened to no fewer than this many characters and the ellipsis: below it, labels are thinned. */
export const KEEP_CHARS = 5;

/**
 * The least room a label needs on one line: its widest unit (a word is never broken), or that word shortened
 * to KEEP_CHARS characters and an ellipsis, whichever is narrower.
 */
export function minLabelWidth(label: string, measure: Measure, lang?: string): number {
  const least = (word: string) => {
    const chars = [...word];
    return chars.length <= KEEP_CHARS
      ? measure(word)
      : Math.min(measure(word), measure(chars.slice(0, KEEP_CHARS).join('') + ELLIPSIS));
  };
  return Math.max(
    0,
    ...label.split('\n').flatMap((part) => breakUnits(part, lang).map((u) => least(u.text))),
  );
}

/**
 * The room of shown label `i`, in slots: it is centred on its slot, so it may reach halfway to each shown
 * neighbour (the first and the last have one neighbour).
 */
export function roomInSlots(i: number, n: number, k: number): number {
  const shown = Array.from({ length: n }, (_, j) => j).filter((j) => shownAt(j, n, k));
  const at = shown.indexOf(i);
  const sides = [shown[at - 1], shown[at + 1]].filter((j) => j !== undefined).map((j) => Math.abs(j - i));
  return sides.length ? Math.min(...sides) : n;
}

/**
 * The thinning rule: with `n` labels in slots of `slot` px each and labels needing up to `need` px (plus `gap`
 * between neighbours), every k-th label is shown, k the smallest step that gives each shown label room.
 */
export function thinStep(n: number, slot: number, need: number, gap: number): number {
  if (n <= 1 || slot <= 0) return 1;
  return Math.min(n, Math.max(1, Math.ceil((need + gap) / slot)));
}

/**
 * Whether label `i` of `n` is shown at step `k`: the first and every k-th after it, and the last always; a
 * k-th label closer than k slots to the last gives way to it, so no two shown labels are nearer than k.
 */
export const shownAt = (i: number, n: number, k: number): boolean =>
  i === n - 1 || (i % k === 0 && n - 1 - i >= k);
