import { describe, expect, it } from 'vitest';
import { chromiumGone, describeBlocked, onSite, refreshSlide } from '../../src/export/guard.ts';

describe('what an export may load', () => {
  it('the served origin and data in the page; nothing else, not even another loopback port', () => {
    const origin = 'http://127.0.0.1:4321';
    expect(onSite('http://127.0.0.1:4321/assets/a.js', origin)).toBe(true);
    expect(onSite('data:image/png;base64,AAAA', origin)).toBe(true);
    expect(onSite('blob:http://127.0.0.1:4321/0b1c', origin)).toBe(true);
    expect(onSite('http://127.0.0.1:4322/', origin)).toBe(false);
    expect(onSite('http://127.0.0.2:4321/', origin)).toBe(false);
    expect(onSite('https://static.slid.es/x.png', origin)).toBe(false);
    expect(onSite('not a url', origin)).toBe(false);
  });

  it('lists what it refused: each address once, the first few', () => {
    expect(describeBlocked(['https://a.example/1.png', 'https://a.example/1.png'])).toMatch(
      /^refused 1 request off the deck's server .*: https:\/\/a\.example\/1\.png$/,
    );
    expect(describeBlocked(['a', 'b', 'c', 'd', 'e'])).toMatch(/refused 5 requests .*: a, b, c and 2 more$/);
  });
});

describe('the slide that sends the page away', () => {
  it('is the section holding the first meta refresh, with its heading', () => {
    const html = `<section data-source="slides/01.md:1-4"><h2>一</h2></section>
<section data-source="slides/02.md:1-9" class="x"><h2>跳转 <em>页</em></h2><META Http-Equiv=Refresh content="0;url=https://a.example/"></section>`;
    expect(refreshSlide(html)).toEqual({ source: 'slides/02.md:1-9', title: '跳转 页' });
  });

  it('is unknown without a meta refresh (a script navigated)', () => {
    expect(refreshSlide('<section data-source="slides/01.md:1-4"><h2>一</h2></section>')).toBeUndefined();
  });
});

describe('Chromium gone', () => {
  it('is one line with the step and how it ended', () => {
    const killed = new Error('Chromium (/usr/bin/chromium) exited (SIGKILL): [1:2:ERROR:bus.cc] dbus');
    expect(chromiumGone('render', killed).message).toBe(
      'Chromium stopped during the render step (SIGKILL); nothing was written, the previous export, if any, is unchanged: export again',
    );
    expect(chromiumGone('load', new Error('Chromium (c) exited (1): x')).message).toContain(
      'during the load step (exit code 1);',
    );
  });
});
