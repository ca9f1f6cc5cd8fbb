import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { compile, dom, fixture } from './helpers.ts';

describe('chain-map: spec to structure (fixture: diagrams)', () => {
  const deck = fixture('diagrams');
  const doc = dom(deck);
  const [right, down] = [...doc.querySelectorAll('[data-block="chain-map"]')];

  it('compiles with no diagnostics and records the block for the runtime', () => {
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(deck.blocks).toEqual(expect.arrayContaining(['chain-map', 'timeline']));
  });

  it('has one focusable node per spec node, in tier order, with its tier', () => {
    const nodes = [...right!.querySelectorAll('.cm-node')];
    expect(nodes.map((n) => `${n.getAttribute('data-tier')}:${n.getAttribute('data-node')}`)).toEqual([
      '0:province',
      '1:flagship',
      '1:key',
      '2:it',
      '2:mfg',
      '2:steel',
      '2:bio',
    ]);
    for (const n of nodes) {
      expect(n.getAttribute('tabindex')).toBe('0');
      expect(n.getAttribute('role')).toBe('button');
      expect(n.getAttribute('aria-pressed')).toBe('false');
    }
  });

  it('shows figures, labels and tier titles as real text', () => {
    const province = right!.querySelector('[data-node="province"]')!;
    expect(province.querySelector('.cm-figure')?.textContent).toBe('66条');
    expect(province.querySelector('.cm-label')?.textContent).toBe('全省66条重点产业链');
    expect([...right!.querySelectorAll('.cm-tier-title')].map((t) => t.textContent)).toEqual([
      '全省',
      '济南',
      '四大主导产业',
    ]);
    expect(right!.querySelector('figcaption')?.textContent).toBe('虚线为本演示的解读来源：测试来源');
  });

  it('expands links: a -> b, and lists on both ends, dashed when asked', () => {
    const links = [...right!.querySelectorAll('svg.cm-links:not(.cm-links-narrow) path.cm-link')];
    expect(links.map((l) => `${l.getAttribute('data-from')}>${l.getAttribute('data-to')}`)).toEqual([
      'province>flagship',
      'province>key',
      'flagship>it',
      'flagship>mfg',
      'flagship>steel',
      'flagship>bio',
      'key>it',
      'key>mfg',
      'key>steel',
      'key>bio',
    ]);
    expect(right!.querySelectorAll('svg:not(.cm-links-narrow) path.cm-link-dashed')).toHaveLength(8);
    for (const l of links) expect(l.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+C/);
  });

  it('step: tiers puts every later tier, its title and the links into it in one fragment', () => {
    const indexOf = (sel: string) =>
      [...right!.querySelectorAll(sel)].map((e) =>
        e.classList.contains('fragment') ? e.getAttribute('data-fragment-index') : '-',
      );
    expect(indexOf('.cm-node')).toEqual(['-', '1', '1', '2', '2', '2', '2']);
    expect(indexOf('.cm-tier-title')).toEqual(['-', '1', '2']);
    expect(indexOf('svg:not(.cm-links-narrow) .cm-link')).toEqual([
      '1',
      '1',
      '2',
      '2',
      '2',
      '2',
      '2',
      '2',
      '2',
      '2',
    ]);
    // The narrow layer's links step with the same fragments.
    expect(indexOf('.cm-links-narrow .cm-link')).toEqual(indexOf('svg:not(.cm-links-narrow) .cm-link'));
    expect(right!.getAttribute('data-step')).toBe('tiers');
    // Without step, nothing is a fragment.
    expect(down!.querySelectorAll('.fragment')).toHaveLength(0);
  });

  it('has a narrow layout for phones: tiers down a 328 px column, every box placed, text at 14 px or more', () => {
    for (const map of [right!, down!]) {
      expect(map.getAttribute('data-narrow')).toBe('down');
      const style = map.getAttribute('style')!;
      const px = (name: string) => Number(new RegExp(`${name}:([\\d.]+)px`).exec(style)?.[1]);
      expect(px('--cm-narrow-w')).toBeLessThanOrEqual(328);
      for (const size of ['--cm-n-label', '--cm-n-note', '--cm-n-title'])
        expect(px(size)).toBeGreaterThanOrEqual(14);
      const boxes = [...map.querySelectorAll<HTMLElement>('.cm-node')].map((n) => {
        const s = n.getAttribute('style')!;
        const v = (k: string) => Number(new RegExp(`${k}:([\\d.-]+)px`).exec(s)?.[1]);
        return { id: n.dataset.node, x: v('--nx'), y: v('--ny'), w: v('--nw'), h: v('--nh') };
      });
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(px('--cm-narrow-w') + 0.1);
        expect(b.y + b.h).toBeLessThanOrEqual(px('--cm-narrow-h') + 0.1);
      }
      // Tiers run down the screen: every node of a later tier is below every node of an earlier one.
      const tierOf = (id: string | undefined) =>
        map.querySelector(`[data-node="${id}"]`)!.getAttribute('data-tier');
      for (const a of boxes)
        for (const b of boxes)
          if (Number(tierOf(a.id)) < Number(tierOf(b.id))) expect(a.y + a.h).toBeLessThanOrEqual(b.y);
      expect(map.querySelectorAll('.cm-links-narrow .cm-link')).toHaveLength(
        map.querySelectorAll('svg:not(.cm-links-narrow) .cm-link').length,
      );
    }
  });

  it('escapes every string from the spec', () => {
    const top = down!.querySelector('[data-node="top"] .cm-label')!;
    expect(top.textContent).toBe('<b>不是标签</b> & 转义');
    expect(top.querySelector('b')).toBeNull();
    expect(deck.html).toContain('&lt;b&gt;不是标签&lt;/b&gt; &amp; 转义');
  });

  it('direction: down lays tiers out as rows, top to bottom', () => {
    expect(down!.getAttribute('data-direction')).toBe('down');
    const box = (id: string) => {
      const style = down!.querySelector(`[data-node="${id}"]`)!.getAttribute('style')!;
      const [top, height] = ['top', 'height'].map((k) =>
        Number(new RegExp(`${k}:([\\d.]+)px`).exec(style)![1]),
      );
      return { top: top!, middle: top! + height! / 2 };
    };
    expect(box('left').top).toBeGreaterThan(box('top').middle);
    // Nodes of a row share a centre line.
    expect(Math.abs(box('left').middle - box('right').middle)).toBeLessThan(0.5);
  });
});

describe('chain-map: diagnostics at their line (fixture: diagrams-broken)', () => {
  const deck = fixture('diagrams-broken');
  const problems = deck.diagnostics.map(formatDiagnostic).filter((d) => d.includes('chain-map:'));

  it('reports every problem as file:line:column with a fix', () => {
    expect(problems).toEqual([
      'slides/01-chain-map.md:7:14: chain-map: duplicate node id "a": every node needs its own id',
      'slides/01-chain-map.md:9:35: chain-map: figure "16.4%" of node "c" has no source: add source: to the node or to the block',
      'slides/01-chain-map.md:11:5: chain-map: link to unknown node "nowhere": node ids are a, c',
      'slides/01-chain-map.md:12:19: chain-map: link to unknown node "ghost": node ids are a, c',
      'slides/01-chain-map.md:13:5: chain-map: link "a" -> "a" joins two nodes of the same tier: links run between tiers',
      'slides/01-chain-map.md:23:12: chain-map: tiers[0].nodes is empty: give the tier at least one node, or remove it',
      'slides/01-chain-map.md:32:12: chain-map: the spec is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]): fix the indentation or quoting',
      'slides/01-chain-map.md:40:12: chain-map: direction must be one of right, down; got "sideways"',
      'slides/01-chain-map.md:43:9: chain-map: tiers[0].nodes[0] needs "label": add label: …',
      'slides/01-chain-map.md:43:17: chain-map: unknown key "lable" in tiers[0].nodes[0]: did you mean "label"? known keys are id, label, figure, fact, note, source',
      'slides/01-chain-map.md:44:5: chain-map: unknown key "colour" in tiers[0]: known keys are title, nodes',
      'slides/01-chain-map.md:46:5: chain-map: links[0] must be written "from -> to" or as {from, to}',
      'slides/01-chain-map.md:57:5: chain-map: tier "太多" does not fit at 28 px text: it needs 713 px of height and has 200 px; raise height (at most 896), shorten labels, move nodes to another tier',
      'slides/01-chain-map.md:69:1: chain-map: options go in the YAML spec, not after the fence name (e.g. "step: tiers"); remove "step=tiers"',
      'slides/01-chain-map.md:69:1: chain-map: the block is empty: write its YAML spec (keys direction, step, width, height, caption, source, tiers, links)',
    ]);
  });

  it('shows a broken block as an error in place, never a blank slide', () => {
    const doc = dom(deck);
    const errors = [...doc.querySelectorAll('section')].filter((s) =>
      s.getAttribute('data-source')?.startsWith('slides/01-chain-map.md'),
    );
    for (const s of errors)
      expect(s.querySelector('.deck-error')?.textContent).toMatch(
        /^chain-map: see the problems reported for slides\/01-chain-map\.md:\d+$/,
      );
    expect(doc.querySelectorAll('[data-block="chain-map"]')).toHaveLength(0);
  });

  it('counts lines from the fence even after front matter and other slides', () => {
    const deck = compile({
      'slides/a.md':
        '---\ntitle: t\n---\n\n# a\n\n---\n\ntext\n\n```chain-map\ntiers:\n  - nodes:\n      - {id: x, label: 一}\nlinks: [x -> y]\n```\n',
    });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([
      'slides/a.md:15:9: chain-map: link to unknown node "y": node ids are x',
    ]);
  });
});
