import { describe, expect, it } from 'vitest';
import { wantsReader } from '../../src/runtime/layout.ts';

const at = (url: string) => new URL(url) as unknown as Location;

describe('reader layout: which screens reflow the slide', () => {
  it('phones and tablets read it; laptops and projectors keep 16:9', () => {
    const loc = at('https://deck.example/');
    const reader = (width: number, height: number) => wantsReader({ width, height, print: false, loc });
    expect([
      reader(390, 844),
      reader(360, 780),
      reader(844, 390),
      reader(820, 1180),
      reader(1180, 820),
    ]).toEqual([true, true, true, true, true]);
    expect([reader(1280, 720), reader(1366, 1024), reader(1920, 1080), reader(3840, 2160)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('print, the presenter view and its preview frame never do, however narrow', () => {
    const narrow = { width: 390, height: 844 };
    expect(wantsReader({ ...narrow, print: true, loc: at('https://deck.example/?print-pdf') })).toBe(false);
    expect(wantsReader({ ...narrow, print: false, loc: at('https://deck.example/presenter') })).toBe(false);
    expect(wantsReader({ ...narrow, print: false, loc: at('https://deck.example/?presenter') })).toBe(false);
    expect(wantsReader({ ...narrow, print: false, loc: at('https://deck.example/?preview') })).toBe(false);
  });

  it("?layout=reader or ?layout=slides is the reader's own choice, over the size; never over print or presenter", () => {
    const ask = (q: string, width: number, height: number, print = false) =>
      wantsReader({ width, height, print, loc: at(`https://deck.example/${q}`) });
    expect(ask('?layout=reader', 1180, 820)).toBe(true);
    expect(ask('?layout=slides', 390, 844)).toBe(false);
    expect(ask('?layout=sideways', 390, 844)).toBe(true); // not a choice: the size decides
    expect(ask('?layout=reader&print-pdf', 390, 844, true)).toBe(false);
    expect(ask('?layout=reader&presenter', 390, 844)).toBe(false);
  });
});
