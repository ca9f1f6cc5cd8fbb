import { describe, expect, it } from 'vitest';
import { breakUnits, typesetter } from '../../src/blocks/diagram/text.ts';
import type { TextMeasure } from '../../src/compiler/measure.ts';
import { deckFontMeasure } from '../../src/node/metrics.ts';

/** A measure with round numbers, so the breaking rules are checked apart from any font: CJK 1em, Latin ½em. */
const simple: TextMeasure = (text) =>
  [...text].reduce((em, c) => em + (c.codePointAt(0)! > 0x7e ? 1 : 0.5), 0);
const t = typesetter(simple);
const regular = (size: number) => ({ size, weight: 400 });

describe('diagram text measurement and wrapping', () => {
  it('measures with the host measure, scaled by size, plus letter-spacing after every character', () => {
    expect(t.width('济南工业', regular(30))).toBe(120);
    expect(t.width('2025', regular(30))).toBe(60);
    expect(t.width('济南 2025', { size: 30, weight: 400, letterSpacing: 0.1 })).toBeCloseTo(
      (2 + 0.5 + 2 + 0.1 * 7) * 30,
    );
  });

  it('measures in the deck font: CJK a full em, bold wider than regular, kerning applied', () => {
    const bold = { size: 30, weight: 700 };
    expect(typesetter(deckFontMeasure).width('济南工业', bold)).toBe(120);
    expect(deckFontMeasure('Robotics', 700)).toBeGreaterThan(deckFontMeasure('Robotics', 400));
    // "AV" is kerned: narrower than its two letters apart.
    expect(deckFontMeasure('AV', 400)).toBeLessThan(deckFontMeasure('A', 400) + deckFontMeasure('V', 400));
  });

  it('breaks between CJK characters, never inside a number or word, never before closing punctuation', () => {
    expect(breakUnits('较2022年提高7.8个百分点')).toEqual([
      '较',
      '2022年',
      '提',
      '高',
      '7.8个',
      '百',
      '分',
      '点',
    ]);
    expect(breakUnits('《规划》，AI产业')).toEqual(['《规', '划》，', 'AI', '产', '业']);
  });

  it('wraps to the width and keeps every character', () => {
    const text = '济钢防务空天信息产业基地二期项目（Phase 2）';
    const lines = t.wrap(text, 200, regular(30));
    for (const l of lines) expect(t.width(l, regular(30))).toBeLessThanOrEqual(200);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('breaks a token wider than the line rather than overflowing', () => {
    const lines = t.wrap('https://example.com/a/very/long/path/without/spaces', 150, regular(24));
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(t.width(l, regular(24))).toBeLessThanOrEqual(150);
  });

  it('balances lines: as many as greedy wrapping, none left with a lone character', () => {
    expect(t.wrap('智能制造与高端装备', 260, regular(30))).toEqual(['智能制造与高端装', '备']);
    expect(t.balanced('智能制造与高端装备', 260, regular(30))).toEqual(['智能制造与', '高端装备']);
  });
});
