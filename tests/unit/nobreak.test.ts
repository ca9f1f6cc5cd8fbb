import { describe, expect, it } from 'vitest';
import { defaultNoBreakUnits, noBreakRule } from '../../src/compiler/nowrap.ts';
import { compile, dom } from './helpers.ts';

/** The texts the slide keeps on one line (its `<span class="nw">`s), in order. */
const kept = (markdown: string, lang: string, units?: string[]) =>
  [
    ...dom(
      compile({ 'slides/a.md': markdown }, {}, lang, units ? { noBreakUnits: units } : {}),
    ).querySelectorAll('.nw'),
  ].map((el) => el.textContent);

describe('units that must not split come from the deck, not the engine', () => {
  it('keeps dates, percents and the language’s common units by default: Chinese measure words, none in English', () => {
    expect(kept('2025年5月14日，营收10189.4亿元，550个项目，召开2场会议，16.4%', 'zh-Hans')).toEqual([
      '2025年5月14日',
      '10189.4亿元',
      '550个',
      '16.4%',
    ]); // 场 is this deck's unit, not Chinese's default
    expect(kept('On 2025-05-14 sales rose 16.4% to 550个 in 12 km', 'en')).toEqual(['2025-05-14', '16.4%']);
    expect(defaultNoBreakUnits('zh-Hant')).toEqual(defaultNoBreakUnits('zh'));
    expect(defaultNoBreakUnits('en-GB')).toEqual([]);
  });

  it('takes the deck’s own list instead, with 万/亿 before and 以上/左右 after in Chinese', () => {
    expect(kept('召开2场会议，服务4.07万家次，550个项目，10场以上', 'zh-Hans', ['场', '家', '次'])).toEqual([
      '2场',
      '4.07万家次',
      '10场以上',
    ]);
    expect(kept('a 12km run, 3 km more', 'en', ['km'])).toEqual(['12km']);
    // A unit is matched as written, not as a pattern.
    expect('3.5'.match(noBreakRule('en', ['.5']))).toEqual(['3.5']);
    expect('3x5'.match(noBreakRule('en', ['.']))).toEqual(null);
  });

  it('reaches the blocks: a chart’s note keeps the deck’s units whole', () => {
    const chart = '```chart\ntype: bar\nlabels: [a]\ndatasets: [{ label: x, data: [1] }]\nnote: 共2场\n```\n';
    const notes = (units?: string[]) =>
      dom(compile({ 'slides/a.md': chart }, {}, 'zh-Hans', units ? { noBreakUnits: units } : {}))
        .querySelector('.chart-note')
        ?.innerHTML.replace(/^.*?共/, '');
    expect(notes()).toBe('2场');
    expect(notes(['场'])).toBe('<span class="nw">2场</span>');
  });
});
