import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type ChainLayout,
  isLayout,
  type LinkInput,
  layoutChainMap,
  MIN_TEXT,
  type TierInput,
} from '../../src/blocks/chain-map/layout.ts';
import { type Box, inside, overlappingPairs } from '../../src/blocks/diagram/geometry.ts';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { loadDeck } from '../../src/node/load.ts';
import { deckFontMeasure as measure } from '../../src/node/metrics.ts';
import { dom, fixture } from './helpers.ts';
import { realWidth } from './real-font.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
/** This repository's deck, as `deck build` compiles it. */
const ownDeck = loadDeck({ root: repo, config: await resolveDeckConfig(repo) });
/** The English example: Latin labels as an English deck writes them. */
const english = loadDeck({
  root: `${repo}/examples/en`,
  config: await resolveDeckConfig(`${repo}/examples/en`),
});

/** The boxes the HTML places: `left/top/width/height` in px from each node's inline style. */
function boxesOf(el: Element, selector: string): (Box & { id: string })[] {
  return [...el.querySelectorAll(selector)].map((n) => {
    const style = n.getAttribute('style') ?? '';
    const num = (k: string) => Number(new RegExp(`(?:^|;)${k}:([\\d.]+)px`).exec(style)?.[1]);
    return {
      id: n.getAttribute('data-node') ?? '',
      x: num('left'),
      y: num('top'),
      w: num('width'),
      h: num('height'),
    };
  });
}

function frameOf(el: Element): Box {
  const style = el.querySelector('.cm-frame')!.getAttribute('style')!;
  const num = (k: string) => Number(new RegExp(`${k}:([\\d.]+)px`).exec(style)![1]);
  return { x: 0, y: 0, w: num('width'), h: num('height') };
}

/** The invariants every layout keeps: no overlap, inside the frame, text ≥ 28 px and within its box. */
function expectValid(layout: ChainLayout) {
  const frame = { x: 0, y: 0, w: layout.width, h: layout.height };
  expect(overlappingPairs(layout.nodes)).toEqual([]);
  for (const n of [...layout.nodes, ...layout.titles])
    expect(inside(n, frame), `${JSON.stringify(n)} in ${JSON.stringify(frame)}`).toBe(true);
  expect(overlappingPairs([...layout.nodes, ...layout.titles])).toEqual([]);
  for (const size of Object.values(layout.sizes)) expect(size).toBeGreaterThanOrEqual(MIN_TEXT);
  for (const n of layout.nodes) {
    // The theme's .cm-node: 20 px padding and a 3 px border each side.
    const inner = n.w - 2 * 23;
    for (const line of n.label)
      expect(realWidth(line, layout.sizes.label, 700), line).toBeLessThanOrEqual(inner);
    for (const line of n.note)
      expect(realWidth(line, layout.sizes.note, 400), line).toBeLessThanOrEqual(inner);
    if (n.figure) expect(realWidth(n.figure, layout.sizes.figure, 700), n.figure).toBeLessThanOrEqual(inner);
  }
  for (const t of layout.titles)
    for (const line of t.lines)
      expect(realWidth(line, layout.sizes.title, 700), line).toBeLessThanOrEqual(t.w);
}

/** Each line of the rendered map against its box, at the sizes the map sets: what the browser will draw. */
function overflowingLines(map: Element): string[] {
  const size = (name: string) =>
    Number(new RegExp(`--cm-${name}-size:([\\d.]+)px`).exec(map.getAttribute('style')!)![1]);
  const width = (el: Element) => Number(/(?:^|;)width:([\d.]+)px/.exec(el.getAttribute('style') ?? '')![1]);
  const out: string[] = [];
  const check = (box: Element, inner: number, lines: string, px: number, weight: 400 | 700) => {
    for (const line of box.querySelectorAll(lines)) {
      const w = realWidth(line.textContent!, px, weight);
      if (w > inner) out.push(`${line.textContent} (${w.toFixed(1)} px in ${inner} px)`);
    }
  };
  for (const node of map.querySelectorAll('.cm-node')) {
    const inner = width(node) - 2 * 23;
    check(node, inner, '.cm-label .cm-line', size('label'), 700);
    check(node, inner, '.cm-note .cm-line', size('note'), 400);
    check(node, inner, '.cm-figure', size('figure'), 700);
  }
  for (const title of map.querySelectorAll('.cm-tier-title'))
    check(title, width(title), '.cm-line', size('title'), 700);
  return out;
}

describe('chain-map layout on fixtures: many nodes, long labels, both directions', () => {
  const decks = {
    diagrams: fixture('diagrams'),
    'diagrams-stress': fixture('diagrams-stress'),
    'the deck': ownDeck,
    'the English example': english,
  };
  for (const [name, deck] of Object.entries(decks)) {
    it(`${name}: compiles clean`, () => expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]));
    const maps = [...dom(deck).querySelectorAll('[data-block="chain-map"]')];
    maps.forEach((map, i) => {
      it(`${name} #${i + 1} (${map.getAttribute('data-direction')}): no two nodes overlap, all inside the frame`, () => {
        const frame = frameOf(map);
        const nodes = boxesOf(map, '.cm-node');
        expect(nodes.length).toBeGreaterThan(0);
        expect(overlappingPairs(nodes).map(([a, b]) => `${nodes[a]!.id} × ${nodes[b]!.id}`)).toEqual([]);
        expect(nodes.filter((n) => !inside(n, frame)).map((n) => n.id)).toEqual([]);
        const titles = boxesOf(map, '.cm-tier-title');
        expect(overlappingPairs([...nodes, ...titles])).toEqual([]);
        const size = Number(/--cm-label-size:([\d.]+)px/.exec(map.getAttribute('style')!)![1]);
        expect(size).toBeGreaterThanOrEqual(28);
      });
      it(`${name} #${i + 1}: every line fits its box in the deck's font`, () => {
        expect(overflowingLines(map)).toEqual([]);
      });
    });
  }
  it('the stress fixture really is stressful', () => {
    const maps = [...dom(fixture('diagrams-stress')).querySelectorAll('[data-block="chain-map"]')];
    expect(maps.map((m) => m.querySelectorAll('.cm-node').length)).toEqual([16, 31]);
  });
});

/** A small deterministic PRNG (mulberry32), so generated cases are the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  '产业链',
  '智能制造',
  '大数据',
  'AI',
  '2025年',
  '16.4%',
  '新一代信息技术',
  '（一期）',
  'Robotics',
  '高端装备',
];

function generate(seed: number): {
  tiers: TierInput[];
  links: LinkInput[];
  width: number;
  height: number;
  direction: 'right' | 'down';
} {
  const r = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const tiers: TierInput[] = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, t) => ({
    title: r() < 0.6 ? `第${t + 1}层${pick(WORDS)}` : undefined,
    nodes: Array.from({ length: 1 + Math.floor(r() * (r() < 0.2 ? 20 : 6)) }, (_, i) => ({
      id: `t${t}n${i}`,
      label: Array.from({ length: 1 + Math.floor(r() * 5) }, () => pick(WORDS)).join(''),
      figure: r() < 0.3 ? pick(['16.4%', '66条', '5187.9亿元']) : undefined,
      note:
        r() < 0.3 ? Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(WORDS)).join('') : undefined,
    })),
  }));
  const ids = tiers.flatMap((t) => t.nodes.map((n) => n.id));
  const links = Array.from({ length: Math.floor(r() * 10) }, () => ({
    from: pick(ids),
    to: pick(ids),
    dashed: r() < 0.5,
  }));
  return {
    tiers,
    links,
    // Mostly slide-sized frames, some small ones that cannot hold everything.
    width: r() < 0.8 ? 1000 + Math.floor(r() * 681) : 400 + Math.floor(r() * 600),
    height: r() < 0.8 ? 500 + Math.floor(r() * 397) : 200 + Math.floor(r() * 300),
    direction: r() < 0.5 ? 'right' : 'down',
  };
}

describe('chain-map layout on generated specs', () => {
  it('either fits every invariant or says which tier does not fit', () => {
    let laidOut = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const spec = generate(seed);
      const result = layoutChainMap(spec.tiers, spec.links, { ...spec, measure });
      if (isLayout(result)) {
        laidOut++;
        expectValid(result);
      } else {
        expect(result.tier).toBeGreaterThanOrEqual(0);
        expect(result.tier).toBeLessThan(spec.tiers.length);
        expect(result.need).toBeGreaterThan(result.have);
      }
    }
    // Most random specs fit (many are too big for any slide at 28 px text): the search is not giving up early.
    expect(laidOut).toBeGreaterThanOrEqual(75);
  });

  it('sizes boxes for Latin as the font sets it: bold O, H, N, U, b, d, n, o, p, u are wider than ⅔ em', () => {
    const labels = ['HOUND UNBOUND', 'Hudson Pond Bond', 'OQDGHNU', 'Upbound Output', 'Nordhound'];
    for (const direction of ['right', 'down'] as const) {
      const result = layoutChainMap(
        [
          { title: 'Products', nodes: labels.map((label, i) => ({ id: `a${i}`, label, figure: '100.0%' })) },
          { nodes: labels.map((label, i) => ({ id: `b${i}`, label: `${label} ${label}`, note: label })) },
        ],
        [],
        { width: 1200, height: 896, direction, measure },
      );
      expect(isLayout(result), direction).toBe(true);
      expectValid(result as ChainLayout);
    }
  });

  it('wraps a tall tier into sub-columns before giving up', () => {
    const tiers: TierInput[] = [
      { nodes: [{ id: 'a', label: '源' }] },
      { nodes: Array.from({ length: 24 }, (_, i) => ({ id: `n${i}`, label: `节点${i}` })) },
    ];
    const result = layoutChainMap(tiers, [], { width: 1680, height: 700, direction: 'right', measure });
    expect(isLayout(result)).toBe(true);
    const layout = result as ChainLayout;
    expectValid(layout);
    expect(new Set(layout.nodes.filter((n) => n.tier === 1).map((n) => n.x)).size).toBeGreaterThan(1);
  });

  it('keeps 30 px text when there is room and shrinks it, never below 28 px, when there is not', () => {
    const few = layoutChainMap([{ nodes: [{ id: 'a', label: '短' }] }], [], {
      width: 1680,
      height: 700,
      direction: 'right',
      measure,
    });
    expect((few as ChainLayout).sizes.label).toBe(30);
    // Nine two-line labels need 9 × 110 px at 30 px: more than 896, less than that at 24 px.
    const tiers = [
      { nodes: Array.from({ length: 9 }, (_, i) => ({ id: `n${i}`, label: '一个比较长的标签需要换行' })) },
    ];
    const many = layoutChainMap(tiers, [], { width: 400, height: 896, direction: 'right', measure });
    expect(isLayout(many)).toBe(true);
    expectValid(many as ChainLayout);
    expect((many as ChainLayout).sizes.label).toBeLessThan(30);
    // Where even 24 px cannot fit, it says so rather than going smaller.
    const none = layoutChainMap(tiers, [], { width: 400, height: 500, direction: 'right', measure });
    expect(isLayout(none)).toBe(false);
    expect(none).toMatchObject({ tier: 0, have: 500, axis: 'height' });
  });

  it('draws links between facing edges of the two nodes', () => {
    const result = layoutChainMap(
      [{ nodes: [{ id: 'a', label: '甲' }] }, { nodes: [{ id: 'b', label: '乙' }] }],
      [{ from: 'b', to: 'a', dashed: false }],
      { width: 1000, height: 400, direction: 'right', measure },
    ) as ChainLayout;
    const [a, b] = result.nodes;
    const [x1, , , , , , x2] = result.links[0]!.d.match(/[\d.]+/g)!.map(Number);
    expect(x1).toBeCloseTo(a!.x + a!.w, 0);
    expect(x2).toBeCloseTo(b!.x, 0);
    expect(result.links[0]!.tier).toBe(1);
  });
});
