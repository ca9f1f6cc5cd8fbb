import { describe, expect, it } from 'vitest';
import { breakUnits, textWidth, wrapBalanced, wrapText } from '../../src/compiler/blocks/diagram/text.ts';

describe('diagram text measurement and wrapping', () => {
  it('measures CJK at 1em and Latin narrower', () => {
    expect(textWidth('济南工业', 30)).toBe(120);
    expect(textWidth('2025', 30)).toBeCloseTo(72);
    expect(textWidth('16.4%', 30)).toBeGreaterThan(textWidth('1640', 30));
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
    const lines = wrapText(text, 200, 30);
    for (const l of lines) expect(textWidth(l, 30)).toBeLessThanOrEqual(200);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('breaks a token wider than the line rather than overflowing', () => {
    const lines = wrapText('https://example.com/a/very/long/path/without/spaces', 150, 24);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 24)).toBeLessThanOrEqual(150);
  });

  it('balances lines: as many as greedy wrapping, none left with a lone character', () => {
    expect(wrapText('智能制造与高端装备', 260, 30)).toEqual(['智能制造与高端装', '备']);
    expect(wrapBalanced('智能制造与高端装备', 260, 30)).toEqual(['智能制造与', '高端装备']);
  });
});
