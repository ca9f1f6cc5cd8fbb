import { describe, expect, it } from 'vitest';
import { deckText } from '../../src/i18n/deck-text.ts';
import { UI_TEXT, uiLang, uiText } from '../../src/i18n/ui-text.ts';

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

describe('UI text in the deck’s language', () => {
  it('is English for any deck not in Chinese, 繁體 for a traditional-script deck, 简体 for the rest of zh', () => {
    expect(['en', 'en-GB', 'de', 'pt-BR'].map(uiLang)).toEqual(['en', 'en', 'en', 'en']);
    expect(['zh', 'zh-Hans', 'zh-CN'].map(uiLang)).toEqual(['zh-Hans', 'zh-Hans', 'zh-Hans']);
    expect(['zh-Hant', 'zh-TW', 'zh-HK'].map(uiLang)).toEqual(['zh-Hant', 'zh-Hant', 'zh-Hant']);
  });

  it('has every string in every language, and no Chinese in the English ones', () => {
    const keys = Object.keys(UI_TEXT.en).sort();
    for (const table of Object.values(UI_TEXT)) expect(Object.keys(table).sort()).toEqual(keys);
    expect(Object.values(uiText('en')).join('')).not.toMatch(CJK);
    expect(uiText('zh-Hans').showData).toBe('显示数据');
  });

  it('gives the compiler English words for an English deck, Chinese ones for a Chinese deck', () => {
    const en = deckText('en');
    const words = [
      en.source,
      en.derived,
      en.derivedAfter,
      en.note,
      en.interpretation,
      en.chartData,
      en.chartItem,
    ];
    expect(words.join('') + Object.values(en.chartKinds).join('') + en.date(2025, 5, 14)).not.toMatch(CJK);
    expect(en.date(2025, 5, 14)).toBe('May 14, 2025');
    expect(deckText('zh-Hans').date(2025, 5, 14)).toBe('2025年5月14日');
    expect(deckText('zh-Hant').source).toBe('来源：'); // converted with the rest of the 繁體 page
  });
});
