import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { memoryHost } from '../../src/compiler/host.ts';
import { compileDeck } from '../../src/compiler/index.ts';
import { compile, dom, fixture, shape } from './helpers.ts';

describe('fixture: basic', () => {
  const deck = fixture('basic');
  const doc = dom(deck);

  it('has no diagnostics', () => {
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('splits horizontal and vertical slides, files in name order, with line ranges', () => {
    expect(shape(doc)).toEqual([
      ['slides/01-intro.md:6-13'],
      ['slides/01-intro.md:15-22', 'slides/01-intro.md:24-30', 'slides/01-intro.md:32-45'],
      ['slides/02-more.md:5-8'],
    ]);
    expect(deck.stacks.map((s) => s.map((x) => `${x.h}.${x.v}`))).toEqual([
      ['0.0'],
      ['1.0', '1.1', '1.2'],
      ['2.0'],
    ]);
  });

  it('takes deck options from the first file', () => {
    expect(deck.meta).toMatchObject({ title: 'Fixture deck', author: 'Test Author', transition: 'fade' });
  });

  it('puts speaker notes in an aside, not on the slide', () => {
    const first = doc.querySelector('section')!;
    expect(first.querySelector('aside.notes strong')?.textContent).toBe('notes');
    expect(first.querySelector('aside.notes')?.textContent).toContain('These are the');
    expect(
      [...first.children]
        .filter((c) => c.tagName !== 'ASIDE')
        .map((c) => c.textContent)
        .join(),
    ).not.toContain('notes');
  });

  it('applies {.fragment} and <!-- .element --> attributes, as reveal.js does', () => {
    const items = doc.querySelectorAll('.slides > section:nth-child(2) > section:first-child li');
    expect(items[0]?.getAttribute('class')).toBe('fragment');
    expect(items[1]?.getAttribute('class')).toBe('fragment');
    expect(items[1]?.getAttribute('data-fragment-index')).toBe('2');
    expect(doc.body.innerHTML).not.toContain('.element:');
  });

  it('applies <!-- .slide --> attributes to the section', () => {
    const slide = doc.querySelector('[data-source="slides/01-intro.md:24-30"]')!;
    expect(slide.getAttribute('data-background-color')).toBe('#ffeeee');
    expect(slide.getAttribute('class')).toBe('dense');
    // reveal.js gives an inline comment to the previous element sibling: here the <em>.
    expect(slide.querySelector('p em')?.getAttribute('class')).toBe('fragment');
  });

  it('never splits inside a code fence, and keeps Note: there as code', () => {
    const slide = doc.querySelector('[data-source="slides/01-intro.md:32-45"]')!;
    expect(slide.querySelector('pre code')?.textContent).toBe(
      'line before\n\n---\n\n--\n\nNote: not notes', // the fence's last line break is no code (as marked)
    );
    expect(slide.querySelector('aside.notes')).toBeNull();
    expect(slide.textContent).toContain('After the code.');
  });

  it('rewrites image paths from the markdown file to the project root', () => {
    expect(doc.querySelector('img')?.getAttribute('src')).toBe('/slides/img/logo.png');
  });

  it('adds a file class and markdown-it-attrs ids', () => {
    const last = doc.querySelector('[data-source="slides/02-more.md:5-8"]')!;
    expect(last.getAttribute('class')).toBe('extra');
    expect(last.querySelector('p#anchor')?.getAttribute('class')).toBe('lead');
  });

  it('records slide titles and sections', () => {
    expect(deck.stacks.flat().map((s) => s.title)).toEqual([
      'Title slide',
      'Second',
      'Second, below',
      'Code keeps its separators',
      'Third horizontal',
    ]);
    expect(deck.stacks[2]?.[0]?.section).toBe('More');
  });
});

describe('fixture: reveal-compat (a deck written for reveal.js markdown)', () => {
  const deck = fixture('reveal-compat');
  const doc = dom(deck);

  it('renders with the same structure as reveal.js markdown', () => {
    expect(deck.diagnostics).toEqual([]);
    expect(shape(doc).map((s) => s.length)).toEqual([1, 3, 1]);
  });

  it('applies an .element comment to the element before it, or else to its parent', () => {
    // On its own line the comment is an HTML block (it interrupts the paragraph): the paragraph gets it.
    expect(doc.querySelector('img')?.parentElement?.getAttribute('style')).toBe('height: 100px');
    expect(doc.querySelector('img[title="inline"]')?.getAttribute('style')).toBe('width: 50px');
    const items = [...doc.querySelectorAll('li')];
    expect(items.map((li) => [li.getAttribute('class'), li.getAttribute('data-fragment-index')])).toEqual([
      ['fragment', '1'],
      ['fragment', '2'],
    ]);
  });

  it('keeps external images untouched and takes data-background from .slide', () => {
    expect(doc.querySelector('img')?.getAttribute('src')).toMatch(/^https:/);
    const last = doc.querySelector('.slides > section:last-child')!;
    expect(last.getAttribute('data-background')).toBe('#ff0000');
    expect(last.querySelector('aside.notes')?.textContent?.trim()).toBe('Speaker notes for slide 3.');
  });
});

describe('fixture: broken (every diagnostic, at its place)', () => {
  const deck = fixture('broken');
  const lines = deck.diagnostics.map(formatDiagnostic);

  it('reports broken front matter at its YAML line', () => {
    expect(lines.some((l) => /^slides\/01-broken\.md:2:\d+: front matter is not valid YAML/.test(l))).toBe(
      true,
    );
  });

  it('reports an unknown fence name, suggesting the block meant', () => {
    expect(lines.find((l) => l.startsWith('slides/01-broken.md:7:4: '))).toMatch(
      /^slides\/01-broken\.md:7:4: unknown fence name "chrat": did you mean "chart"\? blocks are "chart", .*; for a code listing use a language name such as "text"$/,
    );
  });

  it('suggests the language a misspelt code fence meant', () => {
    const deck = compileDeck([{ path: 'slides/01.md', text: '# Code\n\n```jave\nclass A {}\n```\n' }], {
      host: memoryHost(),
    });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^slides\/01\.md:3:4: unknown fence name "jave": did you mean "java"\? /),
    ]);
  });

  it('reports a missing image at its line and column', () => {
    expect(lines.some((l) => l.startsWith('slides/01-broken.md:11:12: image "img/nope.png" not found'))).toBe(
      true,
    );
  });

  it('reports an unterminated fence at its opening line', () => {
    expect(lines).toContain(
      'slides/01-broken.md:17:1: code fence opened here is never closed: add a line "```" where the block ends',
    );
  });

  it('reports unknown front matter keys with the known ones', () => {
    expect(
      lines.some((l) =>
        l.startsWith(
          'slides/02-unknown-key.md:2:1: unknown key "titel" in front matter: did you mean "title"?',
        ),
      ),
    ).toBe(true);
  });

  it('still renders every slide, never a blank one', () => {
    expect(deck.stacks.flat().length).toBe(3);
    expect(deck.html).toContain('class="deck-error"');
  });
});

describe('fixture: odd-paths', () => {
  const deck = fixture('odd-paths');

  it('handles CJK, spaces and parentheses in paths, and warns about an empty file', () => {
    expect(deck.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(dom(deck).querySelector('img')?.getAttribute('src')).toBe('/slides/字/(空格).png');
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      'slides/empty.md:1:1: warning: the file is empty and adds no slide: write some markdown in it or delete it',
    ]);
  });
});

describe('inline cases', () => {
  it('needs a blank line before a separator: "text\\n---" is a setext heading', () => {
    const deck = compile({ 'slides/a.md': 'Heading\n---\n\nbody' });
    expect(deck.stacks.length).toBe(1);
    expect(dom(deck).querySelector('h2')?.textContent).toBe('Heading');
  });

  it('keeps a slide title as text when its heading holds dates kept on one line', () => {
    const deck = compile({ 'slides/a.md': '## 从2019年到2025年 <em>x</em>\n\nbody' });
    expect(dom(deck).querySelector('h2 .nw')?.textContent).toBe('2019年');
    expect(deck.stacks.flat()[0]?.title).toBe('从2019年到2025年 x');
  });

  it('reports front matter that is never closed', () => {
    const deck = compile({ 'slides/a.md': '---\ntitle: x\n\n# body' });
    expect(deck.diagnostics.map(formatDiagnostic)).toContain(
      'slides/a.md:1:1: front matter opened here is never closed: add a line "---" after the YAML',
    );
  });

  it('reports an empty deck', () => {
    expect(compile({}).diagnostics[0]?.message).toMatch(/no slides/);
  });

  it('escapes nothing the author wrote as HTML (trusted), but code is escaped', () => {
    const deck = compile({
      'slides/a.md': '<div class="x">raw</div>\n\n```html\n<script>alert(1)</script>\n```',
    });
    const doc = dom(deck);
    expect(doc.querySelector('div.x')?.textContent).toBe('raw');
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('code')?.textContent).toContain('<script>');
  });

  it('counts Note: case-insensitively and Notes: too', () => {
    const deck = compile({ 'slides/a.md': '# A\n\nnotes: lower case\n\n---\n\n# B\n\nNOTE: upper' });
    expect(deck.stacks.map((s) => s[0]?.notes.includes('case') || s[0]?.notes.includes('upper'))).toEqual([
      true,
      true,
    ]);
  });
});

describe('notes with a provenance part', () => {
  const deck = compile({
    'slides/a.md':
      '# A\n\nNote:\nSay **this** aloud.\n\nProvenance: the figure is from the *report*.\nA second line.\n\n---\n\n# B\n\nNote: 说这句。\n出处：原文只列名称。\n\n---\n\n# C\n\nNote: only words to say, provenance: mid-line is spoken',
  });
  const doc = dom(deck);
  const slides = [...doc.querySelectorAll('section')];

  it('keeps the spoken part in aside.notes and the part after Provenance: in aside.provenance-note', () => {
    const a = slides[0]!;
    expect(a.querySelector('aside.notes')?.textContent?.trim()).toBe('Say this aloud.');
    expect(a.querySelector('aside.provenance-note em')?.textContent).toBe('report');
    expect(a.querySelector('aside.provenance-note')?.textContent).toContain('A second line.');
    expect(deck.stacks[0]![0]!.notes).not.toContain('report');
    expect(deck.stacks[0]![0]!.provenance).toContain('report');
  });

  it('takes 出处： as the marker too, and a marker only at the start of a line', () => {
    expect(slides[1]!.querySelector('aside.notes')?.textContent?.trim()).toBe('说这句。');
    expect(slides[1]!.querySelector('aside.provenance-note')?.textContent?.trim()).toBe('原文只列名称。');
    expect(slides[2]!.querySelector('aside.provenance-note')).toBeNull();
    expect(slides[2]!.querySelector('aside.notes')?.textContent).toContain('provenance: mid-line');
  });
});

describe('Chinese text', () => {
  it('takes **…** next to Chinese punctuation as emphasis', () => {
    const doc = dom(compile({ 'slides/a.md': '组建一支**“尖刀连”**，作为**“科技猎头”**。' }));
    expect([...doc.querySelectorAll('strong')].map((s) => s.textContent)).toEqual(['“尖刀连”', '“科技猎头”']);
  });

  it('joins lines between Chinese characters without a space, and keeps it between Latin words', () => {
    const doc = dom(compile({ 'slides/a.md': '工业强\n城市强\n\nindustry\nstrong' }));
    expect([...doc.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      '工业强城市强',
      'industry\nstrong',
    ]);
  });
});
