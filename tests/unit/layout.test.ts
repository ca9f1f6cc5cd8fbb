import { describe, expect, it } from 'vitest';
import { wantsReader } from '../../src/runtime/layout.ts';

const at = (url: string) => new URL(url) as unknown as Location;

describe('reader layout: which screens reflow the slide', () => {
  it('phones and portrait tablets read it; landscape tablets, laptops and projectors keep 16:9', () => {
    const loc = at('https://deck.example/');
    const reader = (width: number, height: number) => wantsReader({ width, height, print: false, loc });
    expect([reader(390, 844), reader(360, 780), reader(844, 390), reader(820, 1180)]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([reader(1180, 820), reader(1280, 720), reader(1920, 1080), reader(3840, 2160)]).toEqual([
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
});
