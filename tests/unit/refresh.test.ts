import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { compile } from './helpers.ts';

/** `deck check` refuses a slide that would send its page elsewhere: the CSP does not cover navigations. */
describe('meta refresh in a slide', () => {
  it('is a problem at its line and column, however it is written, in the slide or its notes', () => {
    const deck = compile({
      'slides/01.md':
        '# A\n\ntext <meta http-equiv="refresh" content="0;url=https://example.com/">\n\n---\n\n# B\n\n<META content=5 HTTP-EQUIV=Refresh>\n\nNote:\n<meta http-equiv=\'refresh\' content="1">\n',
    });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      'slides/01.md:3:6: <meta http-equiv="refresh"> sends the page elsewhere as it loads (the audience loses the deck, an export stops): remove it, and link with <a href> instead',
      'slides/01.md:9:1: <meta http-equiv="refresh"> sends the page elsewhere as it loads (the audience loses the deck, an export stops): remove it, and link with <a href> instead',
      'slides/01.md:12:1: <meta http-equiv="refresh"> sends the page elsewhere as it loads (the audience loses the deck, an export stops): remove it, and link with <a href> instead',
    ]);
  });

  it('is fine shown as code, and other meta tags are left alone', () => {
    const deck = compile({
      'slides/01.md':
        '# A\n\n`<meta http-equiv="refresh" content="0">`\n\n```html\n<meta http-equiv="refresh" content="0">\n```\n\n<meta name="x-refresh" content="refresh">\n',
    });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});
