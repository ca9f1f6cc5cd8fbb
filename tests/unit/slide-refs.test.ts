import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { memoryHost } from '../../src/compiler/host.ts';
import { compileDeck } from '../../src/compiler/index.ts';
import { resolveSlideRefs } from '../../src/compiler/local-refs.ts';

// Files of a talk written for reveal.js: its images beside its markdown in slides/img/.
const host = memoryHost({
  'slides/talk.md': '',
  'slides/img/photo.png': '',
  'slides/img/photo@2x.png': '',
  'slides/img/bg.jpg': '',
  'slides/img/my pic.png': '',
  'slides/media/clip.webm': '',
  'slides/media/frame.html': '',
  'public/logo.svg': '',
  'logo.png': '',
  'img/legacy.png': '',
});
const resolve = (html: string) => resolveSlideRefs(html, 'slides/talk.md', host);

describe('URLs in a slide are relative to its markdown file', () => {
  it('rewrites raw-HTML src, srcset, poster, data-src and style url() from the project root', () => {
    const { html, problems } = resolve(
      '<img src="./img/photo.png" srcset="img/photo.png 1x, img/photo@2x.png 2x">' +
        '<video poster="img/photo.png" data-src="media/clip.webm"></video>' +
        `<div style="background: url('img/bg.jpg') center"></div>` +
        '<img src="img/my%20pic.png"><img src="img/photo.png?v=2#x">',
    );
    expect(problems).toEqual([]);
    expect(html).toBe(
      '<img src="/slides/img/photo.png" srcset="/slides/img/photo.png 1x, /slides/img/photo@2x.png 2x">' +
        '<video poster="/slides/img/photo.png" data-src="/slides/media/clip.webm"></video>' +
        `<div style="background: url('/slides/img/bg.jpg') center"></div>` +
        '<img src="/slides/img/my%20pic.png"><img src="/slides/img/photo.png?v=2#x">',
    );
  });

  it("rewrites reveal.js's backgrounds, the data-background shorthand spelled out", () => {
    const { html, problems } = resolve(
      '<section data-background-image="img/bg.jpg"></section>' +
        '<section data-background="img/photo.png"></section>' +
        '<section data-background="#123456"></section>' +
        '<section data-background="media/clip.webm" data-background-iframe="media/frame.html"></section>',
    );
    expect(problems).toEqual([]);
    expect(html).toBe(
      '<section data-background-image="/slides/img/bg.jpg"></section>' +
        '<section data-background-image="/slides/img/photo.png"></section>' +
        '<section data-background="#123456"></section>' +
        '<section data-background-video="/slides/media/clip.webm" data-background-iframe="/slides/media/frame.html"></section>',
    );
  });

  it('leaves links, other sites, data: URLs and files in public/ as written', () => {
    const input =
      '<a href="img/none.png">x</a><img src="https://example.com/a.png"><img src="data:image/png;base64,AA">' +
      '<img src="/logo.svg"><img src="/logo.png"><a href="#/2">next</a>';
    expect(resolve(input)).toEqual({ html: input, problems: [] });
  });

  it('a missing file is a problem with the nearest name; one only the deck folder holds still works, with the fix', () => {
    const { html, problems } = resolve(
      '<img src="img/phot.png"><img src="img/legacy.png"><section data-background-image="img/bgg.jpg"></section><img src="/nope.png">',
    );
    expect(html).toContain('<img src="/img/legacy.png">');
    expect(problems).toEqual([
      {
        ref: 'img/phot.png',
        severity: 'error',
        message: expect.stringMatching(
          /^"img\/phot\.png" not found \(looked for slides\/img\/phot\.png\); did you mean "img\/photo\.png"\?: fix the path, relative to slides\/talk\.md/,
        ),
      },
      {
        ref: 'img/legacy.png',
        severity: 'warning',
        message:
          '"img/legacy.png" is read from the deck folder (img/legacy.png); a URL in a slide is relative to its markdown file: write "../img/legacy.png"',
      },
      {
        ref: 'img/bgg.jpg',
        severity: 'error',
        message: expect.stringContaining('did you mean "img/bg.jpg"?'),
      },
      {
        ref: '/nope.png',
        severity: 'error',
        message: expect.stringContaining('looked for public/nope.png or nope.png'),
      },
    ]);
  });

  it('check reports a missing background and raw-HTML image at their line and column', () => {
    const deck = compileDeck(
      [
        {
          path: 'slides/talk.md',
          text: '# One\n\n<img src="img/phot.png">\n\n---\n\n<!-- .slide: data-background-image="img/gone.jpg" -->\n\n## Two\n',
        },
      ],
      { host },
    );
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^slides\/talk\.md:3:11: "img\/phot\.png" not found .*did you mean "img\/photo\.png"/,
      ),
      expect.stringMatching(/^slides\/talk\.md:7:37: "img\/gone\.jpg" not found/),
    ]);
  });
});
