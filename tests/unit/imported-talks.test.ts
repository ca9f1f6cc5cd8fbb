import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { dom, fixture } from './helpers.ts';

/**
 * The two imported talks of #27's done-when compile as `deck check` reads them: no problem, not even a
 * warning, ≥ 30 slides; and the pictures each holds, by kind (what a PPTX export must keep).
 */
describe('imported talks (fixtures: keynote-revealjs, talk-revealmd)', () => {
  const pictures = (doc: Document) => {
    const all = [...doc.querySelectorAll('section')];
    const leaf = all.filter((s) => !s.querySelector('section'));
    return {
      slides: leaf.length,
      // ![]() writes no width; the raw-HTML images here all have one.
      markdownImages: doc.querySelectorAll('img:not([width])').length,
      srcset: doc.querySelectorAll('img[srcset]').length,
      picture: doc.querySelectorAll('picture').length,
      svgImages: doc.querySelectorAll('img[src$=".svg"]').length,
      inlineSvg: doc.querySelectorAll('section > svg').length,
      backgroundImages: doc.querySelectorAll('section[data-background-image], section[data-background]')
        .length,
      backgroundVideos: doc.querySelectorAll('section[data-background-video]').length,
      styleUrls: doc.querySelectorAll('[style*="url("]').length,
      videoPosters: doc.querySelectorAll('video[poster]').length,
      frames: doc.querySelectorAll('iframe').length,
    };
  };

  it('keynote-revealjs: no problem, 32 slides, every kind of picture', () => {
    const deck = fixture('keynote-revealjs', 'en');
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(pictures(dom(deck))).toEqual({
      slides: 32,
      markdownImages: 3,
      srcset: 1,
      picture: 1,
      svgImages: 1,
      inlineSvg: 1,
      backgroundImages: 3,
      backgroundVideos: 1,
      styleUrls: 1,
      videoPosters: 1,
      frames: 1,
    });
  });

  it('talk-revealmd: no problem with its one separator line, 31 slides', () => {
    const deck = fixture('talk-revealmd', 'en');
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(pictures(dom(deck))).toMatchObject({
      slides: 31,
      markdownImages: 5,
      svgImages: 1,
      backgroundImages: 2,
    });
  });
});
