import { describe, expect, it } from 'vitest';
import {
  breakUnits,
  type Measure,
  minLabelWidth,
  roomInSlots,
  shownAt,
  thinStep,
  wrapLabel,
} from '../../src/blocks/chart/runtime/labels.ts';

/** A stand-in for the canvas: 16 px a Chinese character or full-width mark, 9 px anything else. */
const measure: Measure = (t) =>
  [...t].reduce((w, c) => w + (/[\p{Script=Han}：，（）…]/u.test(c) ? 16 : 9), 0);

describe('chart tick labels: lines break between words, never inside one', () => {
  it('breaks Latin labels at spaces only, keeping punctuation and hyphenated words whole', () => {
    expect(breakUnits('Per entry, cost-per-click (CPC)').map((u) => u.text)).toEqual([
      'Per',
      'entry,',
      'cost-per-click',
      '(CPC)',
    ]);
    // The phone's old 7-character chunks made "Per ent" / "ry".
    expect(wrapLabel('Per entry', 7 * 9, measure)).toEqual(['Per', 'entry']);
    expect(wrapLabel('Revenue per active customer', 130, measure)).toEqual([
      'Revenue per',
      'active',
      'customer',
    ]);
  });

  it('breaks Chinese between words, never inside a compound, and never before a punctuation mark', () => {
    const units = breakUnits('其中：装备制造业发展战略').map((u) => u.text);
    expect(units).toEqual(['其中：', '装备', '制造业', '发展', '战略']);
    const lines = wrapLabel('其中：装备制造业发展战略', 5 * 16, measure);
    expect(lines).toEqual(['其中：装备', '制造业发展', '战略']);
    // A number keeps its unit: 2024年 is one unit.
    expect(breakUnits('2024年营业收入').map((u) => u.text)[0]).toBe('2024年');
  });

  it('keeps an author’s "\\n" and shortens only a word wider than the line, with an ellipsis', () => {
    expect(wrapLabel('第一行\n第二行', 200, measure)).toEqual(['第一行', '第二行']);
    const [line] = wrapLabel('Internationalization', 80, measure);
    expect(line).toMatch(/^Interna?…$/);
    expect(measure(line!)).toBeLessThanOrEqual(80);
  });

  it('stops at three lines, the last one marked as cut', () => {
    const lines = wrapLabel('one two three four five six', 40, measure);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/…$/);
  });

  it('needs at least its widest word, or that word cut to five characters and an ellipsis', () => {
    expect(minLabelWidth('Per entry', measure)).toBe(measure('entry'));
    expect(minLabelWidth('Checkout completion rate', measure)).toBe(measure('Check…'));
    expect(minLabelWidth('制造业发展战略', measure)).toBe(measure('制造业'));
  });
});

describe('chart tick labels: thinned by rule', () => {
  it('shows every label that has room', () => {
    expect(thinStep(5, 100, 80, 8)).toBe(1);
  });

  it('shows every k-th label, the first and the last always, none nearer the last than k', () => {
    const k = thinStep(12, 30, 70, 8);
    expect(k).toBe(3);
    const shown = Array.from({ length: 12 }, (_, i) => i).filter((i) => shownAt(i, 12, k));
    expect(shown).toEqual([0, 3, 6, 11]);
    // 10 labels every 3rd: 0, 3, 6, 9 (the last, itself a 3rd).
    expect(Array.from({ length: 10 }, (_, i) => i).filter((i) => shownAt(i, 10, 3))).toEqual([0, 3, 6, 9]);
    expect(Array.from({ length: 4 }, (_, i) => i).filter((i) => shownAt(i, 4, 1))).toEqual([0, 1, 2, 3]);
  });

  it('gives a shown label the room up to its nearer shown neighbour', () => {
    // 12 labels every 3rd: 0, 3, 6, 11; the last has five slots to its left.
    expect([0, 3, 6, 11].map((i) => roomInSlots(i, 12, 3))).toEqual([3, 3, 3, 5]);
  });
});
