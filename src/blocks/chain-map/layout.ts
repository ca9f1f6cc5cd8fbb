import type { TextMeasure } from '../../compiler/measure.ts';
import { type Box, px } from '../diagram/geometry.ts';
import { type TextStyle, type Typesetter, typesetter } from '../diagram/text.ts';

/** What the layout needs of a node: its text. */
export interface NodeInput {
  id: string;
  label: string;
  figure?: string | undefined;
  note?: string | undefined;
}

export interface TierInput {
  title?: string | undefined;
  nodes: NodeInput[];
}

export interface LinkInput {
  from: string;
  to: string;
  dashed: boolean;
}

export interface PlacedNode extends Box {
  id: string;
  tier: number;
  label: string[];
  figure?: string | undefined;
  note: string[];
}

export interface PlacedTitle extends Box {
  tier: number;
  lines: string[];
}

export interface PlacedLink {
  from: string;
  to: string;
  dashed: boolean;
  /** The later of the two tiers: the link appears with it when stepping. */
  tier: number;
  d: string;
}

/** Font sizes in design px. Text on a 1920×1080 slide stays at 24 px or more. */
export interface Sizes {
  label: number;
  figure: number;
  note: number;
  title: number;
}

export interface ChainLayout {
  width: number;
  height: number;
  sizes: Sizes;
  nodes: PlacedNode[];
  titles: PlacedTitle[];
  links: PlacedLink[];
}

/** The tier that does not fit, and by how much, so the message can say what to change. */
export interface LayoutFailure {
  tier: number;
  need: number;
  have: number;
  axis: 'height' | 'width';
}

export const MIN_TEXT = 28;
const LABEL_START = 30;
const LINE = 1.3;
const PAD_X = 20;
const PAD_Y = 12;
const BORDER = 3;
const SECTION_GAP = 4;
const NODE_GAP = 16;
const MAX_NODE_GAP = 56;
/** Room between tiers for the links. */
const TIER_GAP = { right: 72, down: 48 } as const;
const MAX_TIER_GAP = { right: 140, down: 120 } as const;
/** Narrowest node: four label characters. */
const minNodeWidth = (s: Sizes) => 4 * s.label + 2 * (PAD_X + BORDER);

function sizesFor(label: number, min = MIN_TEXT): Sizes {
  return { label, figure: Math.round(label * 1.4), note: min, title: Math.max(min, label - 4) };
}

/** How each text is set, as the theme's diagrams.css sets it: labels, figures and tier titles bold. */
export function chainMapStyles(s: Sizes): Record<keyof Sizes, TextStyle> {
  return {
    label: { size: s.label, weight: 700 },
    figure: { size: s.figure, weight: 700 },
    note: { size: s.note, weight: 400 },
    title: { size: s.title, weight: 700 },
  };
}

interface Measured {
  node: NodeInput;
  label: string[];
  note: string[];
  w: number;
  h: number;
}

/** A node's text wrapped to `width` (its outer width) and the box that holds it. */
function measureNode(node: NodeInput, width: number, s: Sizes, t: Typesetter): Measured {
  const inner = width - 2 * (PAD_X + BORDER);
  const st = chainMapStyles(s);
  const label = t.balanced(node.label, inner, st.label);
  const note = node.note ? t.balanced(node.note, inner, st.note) : [];
  const figure = node.figure ? [node.figure] : [];
  const textW = Math.max(
    t.linesWidth(label, st.label),
    t.linesWidth(note, st.note),
    t.linesWidth(figure, st.figure),
  );
  const sections = [
    figure.length * s.figure * 1.15,
    label.length * s.label * LINE,
    note.length * s.note * LINE,
  ].filter((x) => x > 0);
  const h = sections.reduce((a, b) => a + b, 0) + SECTION_GAP * (sections.length - 1) + 2 * (PAD_Y + BORDER);
  return {
    node,
    label,
    note,
    w: Math.min(width, Math.ceil(textW) + 2 * (PAD_X + BORDER) + 2),
    h: Math.ceil(h),
  };
}

/** The layout search measures the same node at the same width many times: remember the answers. */
const measured = new WeakMap<Typesetter, WeakMap<NodeInput, Map<string, Measured>>>();

function measure(node: NodeInput, width: number, s: Sizes, t: Typesetter): Measured {
  const byNode = measured.get(t) ?? new WeakMap<NodeInput, Map<string, Measured>>();
  measured.set(t, byNode);
  const cache = byNode.get(node) ?? new Map<string, Measured>();
  byNode.set(node, cache);
  const key = `${width.toFixed(2)}|${s.label}`;
  const m = cache.get(key) ?? measureNode(node, width, s, t);
  cache.set(key, m);
  return m;
}

/** A tier's nodes in a grid of `perRow` columns within `width`: rows of measured nodes. */
/**
 * A tier's grid of nodes as placed boxes: rows from `y` down, `rowGap` apart, each row centred in the
 * `areaW` wide band that starts at `x0`, each node centred in its row's height.
 */
function placeGrid(
  g: ReturnType<typeof grid>,
  tier: number,
  x0: number,
  areaW: number,
  y: number,
  rowGap: number,
): PlacedNode[] {
  const placed: PlacedNode[] = [];
  for (const [r, row] of g.rows.entries()) {
    let x = x0 + (areaW - (row.length * g.w + (row.length - 1) * NODE_GAP)) / 2;
    for (const m of row) {
      placed.push({
        id: m.node.id,
        tier,
        x,
        y: y + (g.rowH[r]! - m.h) / 2,
        w: g.w,
        h: m.h,
        label: m.label,
        figure: m.node.figure,
        note: m.note,
      });
      x += g.w + NODE_GAP;
    }
    y += g.rowH[r]! + rowGap;
  }
  return placed;
}

function grid(nodes: NodeInput[], perRow: number, width: number, gap: number, s: Sizes, t: Typesetter) {
  const cell = (width - (perRow - 1) * gap) / perRow;
  const measured = nodes.map((n) => measure(n, cell, s, t));
  const w = Math.max(...measured.map((m) => m.w));
  // Every node of a tier gets the same width: rewrap at it so no line is wider than its box.
  const sized = nodes.map((n) => measure(n, w, s, t));
  const rows: Measured[][] = [];
  for (let i = 0; i < sized.length; i += perRow) rows.push(sized.slice(i, i + perRow));
  const rowH = rows.map((r) => Math.max(...r.map((m) => m.h)));
  return { cell, w, rows, rowH };
}

/** Spreads `count` items of the given sizes over `space`: the start offset and the gap between them. */
function spread(
  sizes: number[],
  space: number,
  minGap: number,
  maxGap: number,
): { start: number; gap: number } {
  const used = sizes.reduce((a, b) => a + b, 0);
  const gap = sizes.length > 1 ? Math.min(maxGap, Math.max(minGap, (space - used) / (sizes.length + 1))) : 0;
  return { start: (space - used - gap * (sizes.length - 1)) / 2, gap };
}

function linkPath(a: Box, b: Box, direction: 'right' | 'down'): string {
  if (direction === 'right') {
    const [s, t] = a.x <= b.x ? [a, b] : [b, a];
    const x1 = s.x + s.w;
    const y1 = s.y + s.h / 2;
    const x2 = t.x;
    const y2 = t.y + t.h / 2;
    const dx = (x2 - x1) / 2;
    return `M${px(x1)} ${px(y1)}C${px(x1 + dx)} ${px(y1)} ${px(x2 - dx)} ${px(y2)} ${px(x2)} ${px(y2)}`;
  }
  const [s, t] = a.y <= b.y ? [a, b] : [b, a];
  const x1 = s.x + s.w / 2;
  const y1 = s.y + s.h;
  const x2 = t.x + t.w / 2;
  const y2 = t.y;
  const dy = (y2 - y1) / 2;
  return `M${px(x1)} ${px(y1)}C${px(x1)} ${px(y1 + dy)} ${px(x2)} ${px(y2 - dy)} ${px(x2)} ${px(y2)}`;
}

/** A figure is one line, never wrapped: every figure of a tier fits nodes `w` wide. */
const figuresFit = (nodes: NodeInput[], w: number, s: Sizes, t: Typesetter) =>
  nodes.every((n) => !n.figure || t.width(n.figure, chainMapStyles(s).figure) + 2 * (PAD_X + BORDER) <= w);

/** The width a node would like: its label and figure on one line each (notes wrap instead). */
function desiredWidth(node: NodeInput, s: Sizes, t: Typesetter): number {
  const st = chainMapStyles(s);
  const text = Math.max(t.width(node.label, st.label), node.figure ? t.width(node.figure, st.figure) : 0);
  return text + 2 * (PAD_X + BORDER) + 2;
}

/** The narrowest column a tier can take: four label characters, and its widest figure (never wrapped). */
function minColumnWidth(tier: TierInput, s: Sizes, t: Typesetter): number {
  const figure = chainMapStyles(s).figure;
  const widest = Math.max(0, ...tier.nodes.map((n) => (n.figure ? t.width(n.figure, figure) : 0)));
  return Math.max(minNodeWidth(s), Math.ceil(widest) + 2 * (PAD_X + BORDER) + 2);
}

/**
 * Column widths for the tiers: each gets what its widest label wants when they all fit, plus an equal share
 * of what is left; otherwise widths shrink in proportion, never below the tier's narrowest column.
 */
function columnWidths(
  tiers: TierInput[],
  avail: number,
  s: Sizes,
  weights: number[],
  t: Typesetter,
): number[] | undefined {
  const mins = tiers.map((tier) => minColumnWidth(tier, s, t));
  const want = tiers.map(
    (tier, i) => Math.max(mins[i]!, ...tier.nodes.map((n) => desiredWidth(n, s, t))) * weights[i]!,
  );
  const total = want.reduce((a, b) => a + b, 0);
  if (total <= avail) return want.map((w) => w + (avail - total) / tiers.length);
  if (mins.reduce((a, b) => a + b, 0) > avail) return undefined;
  // Proportional shares, with the columns that fall under their minimum pinned at it.
  const widths = want.map(() => 0);
  let free = tiers.map((_, i) => i);
  let space = avail;
  for (;;) {
    const sum = free.reduce((a, i) => a + want[i]!, 0);
    const small = free.filter((i) => (space * want[i]!) / sum < mins[i]!);
    if (small.length === 0) {
      for (const i of free) widths[i] = (space * want[i]!) / sum;
      return widths;
    }
    for (const i of small) widths[i] = mins[i]!;
    space -= small.reduce((a, i) => a + mins[i]!, 0);
    free = free.filter((i) => !small.includes(i));
  }
}

export const isLayout = (r: ChainLayout | LayoutFailure): r is ChainLayout => 'nodes' in r;

/** Tiers as columns, left to right. A tall tier wraps into side-by-side sub-columns when `split` allows. */
function layoutRight(
  tiers: TierInput[],
  W: number,
  H: number,
  s: Sizes,
  split: boolean,
  t: Typesetter,
): ChainLayout | LayoutFailure {
  // A tier that is too tall for its column gets a wider one (fewer lines, or room for a second
  // sub-column) at the others' expense, a few times over before giving up.
  const weights = tiers.map(() => 1);
  let result: ChainLayout | LayoutFailure = layoutColumns(tiers, W, H, s, split, weights, t);
  for (let attempt = 0; attempt < 8 && !isLayout(result) && result.axis === 'height'; attempt++) {
    weights[result.tier]! *= 1.5;
    const next = layoutColumns(tiers, W, H, s, split, weights, t);
    if (!isLayout(next) && next.axis === 'width') break;
    result = next;
  }
  return result;
}

function layoutColumns(
  tiers: TierInput[],
  W: number,
  H: number,
  s: Sizes,
  split: boolean,
  weights: number[],
  t: Typesetter,
): ChainLayout | LayoutFailure {
  const T = tiers.length;
  const gapT = T > 1 ? Math.min(MAX_TIER_GAP.right, Math.max(TIER_GAP.right, (W * 0.25) / (T - 1))) : 0;
  const widths = columnWidths(tiers, W - gapT * (T - 1), s, weights, t);
  const st = chainMapStyles(s);
  if (!widths) {
    const need = tiers.reduce((a, tier) => a + minColumnWidth(tier, s, t), 0) + gapT * (T - 1);
    return { tier: 0, need: Math.ceil(need), have: W, axis: 'width' };
  }
  const lefts = widths.map((_, t) => widths.slice(0, t).reduce((a, b) => a + b + gapT, 0));
  const titleLines = tiers.map((tier, i) => (tier.title ? t.balanced(tier.title, widths[i]!, st.title) : []));
  // A few px over the lines: the deck font's bold glyphs reach past a 1.3 line box (nodes have padding for it).
  const titleH = titleLines.some((l) => l.length > 0)
    ? Math.max(...titleLines.map((l) => l.length)) * s.title * LINE + 4
    : 0;
  const top = titleH > 0 ? titleH + 12 : 0;
  const space = H - top;

  const nodes: PlacedNode[] = [];
  const titles: PlacedTitle[] = [];
  for (const [i, tier] of tiers.entries()) {
    const x0 = lefts[i]!;
    const colW = widths[i]!;
    let fit: ReturnType<typeof grid> | undefined;
    let need = 0;
    for (let k = 1; k <= (split ? tier.nodes.length : 1); k++) {
      const g = grid(tier.nodes, k, colW, NODE_GAP, s, t);
      if (g.cell < minNodeWidth(s)) break;
      // A figure never wraps: a column too narrow for one needs smaller text; sub-columns too narrow for one
      // leave the tier too tall (a wider column may do).
      if (!figuresFit(tier.nodes, g.w, s, t)) {
        if (k > 1) break;
        const widest = Math.max(...tier.nodes.map((n) => (n.figure ? t.width(n.figure, st.figure) : 0)));
        return {
          tier: i,
          need: Math.ceil(widest) + 2 * (PAD_X + BORDER),
          have: Math.floor(g.w),
          axis: 'width',
        };
      }
      need = g.rowH.reduce((a, b) => a + b, 0) + NODE_GAP * (g.rows.length - 1);
      if (need <= space) {
        fit = g;
        break;
      }
    }
    if (!fit) return { tier: i, need: Math.ceil(need + top), have: H, axis: 'height' };
    const { start, gap } = spread(fit.rowH, space, NODE_GAP, MAX_NODE_GAP);
    nodes.push(...placeGrid(fit, i, x0, colW, top + start, gap));
    if (titleLines[i]!.length > 0)
      titles.push({ tier: i, lines: titleLines[i]!, x: x0, y: 0, w: colW, h: titleH });
  }
  return { width: W, height: H, sizes: s, nodes, titles, links: [] };
}

/** Tiers as rows, top to bottom, with their titles in a column on the left. A wide tier wraps into rows. */
function layoutDown(
  tiers: TierInput[],
  W: number,
  maxH: number,
  s: Sizes,
  split: boolean,
  tight: boolean,
  t: Typesetter,
): ChainLayout | LayoutFailure {
  const st = chainMapStyles(s);
  const titled = tiers.some((tier) => tier.title);
  const titleW = titled
    ? Math.min(
        W * 0.2,
        Math.max(...tiers.map((tier) => (tier.title ? t.width(tier.title, st.title) : 0))) + 8,
      )
    : 0;
  const left = titled ? titleW + 32 : 0;
  const areaW = W - left;
  const grids = [];
  for (const [i, tier] of tiers.entries()) {
    // Of the row counts that leave nodes wide enough, the one with the shortest tier (more rows make
    // wider nodes with fewer lines each, up to a point).
    let g: ReturnType<typeof grid> | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (let k = 1; k <= (split ? tier.nodes.length : 1); k++) {
      const perRow = Math.ceil(tier.nodes.length / k);
      const candidate = grid(tier.nodes, perRow, areaW, NODE_GAP, s, t);
      if (candidate.cell < minNodeWidth(s) || !figuresFit(tier.nodes, candidate.w, s, t)) continue;
      const height = candidate.rowH.reduce((a, b) => a + b, 0) + NODE_GAP * (candidate.rows.length - 1);
      if (height < best) [g, best] = [candidate, height];
    }
    if (!g) return { tier: i, need: left + minNodeWidth(s), have: W, axis: 'width' };
    grids.push(g);
  }
  const tierH = grids.map((g, i) => {
    const nodesH = g.rowH.reduce((a, b) => a + b, 0) + NODE_GAP * (g.rows.length - 1);
    const titleH = tiers[i]!.title
      ? t.balanced(tiers[i]!.title!, titleW, st.title).length * s.title * LINE
      : 0;
    return Math.max(nodesH, titleH);
  });
  const need = tierH.reduce((a, b) => a + b, 0) + TIER_GAP.down * (tiers.length - 1);
  // Tight: as tall as the tiers need, no taller (a page that scrolls, not a frame to fill).
  const H = tight ? Math.ceil(need) : maxH;
  if (need > H) {
    const worst = tierH.indexOf(Math.max(...tierH));
    return { tier: worst, need: Math.ceil(need), have: H, axis: 'height' };
  }
  const { start, gap } = spread(tierH, H, TIER_GAP.down, MAX_TIER_GAP.down);
  const nodes: PlacedNode[] = [];
  const titles: PlacedTitle[] = [];
  let y0 = start;
  for (const [i, g] of grids.entries()) {
    const nodesH = g.rowH.reduce((a, b) => a + b, 0) + NODE_GAP * (g.rows.length - 1);
    nodes.push(...placeGrid(g, i, left, areaW, y0 + (tierH[i]! - nodesH) / 2, NODE_GAP));
    const title = tiers[i]!.title;
    if (title) {
      const lines = t.balanced(title, titleW, st.title);
      const h = lines.length * s.title * LINE;
      titles.push({ tier: i, lines, x: 0, y: y0 + (tierH[i]! - h) / 2, w: titleW, h });
    }
    y0 += tierH[i]! + gap;
  }
  return { width: W, height: H, sizes: s, nodes, titles, links: [] };
}

/**
 * The layered layout: tiers in order along `direction`, nodes of a tier spread across the other axis,
 * every node box inside the W×H frame and none overlapping. Text starts at 30 px and shrinks in 2 px
 * steps, never below 24 px; when even that does not fit, says which tier needs how much room.
 */
export function layoutChainMap(
  tiers: TierInput[],
  links: LinkInput[],
  options: {
    width: number;
    height: number;
    direction: 'right' | 'down';
    /** Text width in the page's font (the compile host's). */
    measure: TextMeasure;
    /** Label size to start from and the floor of every text (design px); defaults 30 and 24. */
    text?: { start: number; min: number };
    /** Down only: the height is what the tiers need, at most `height`. */
    tight?: boolean;
  },
): ChainLayout | LayoutFailure {
  const text = options.text ?? { start: LABEL_START, min: MIN_TEXT };
  const t = typesetter(options.measure);
  // Smaller text before split tiers: a tier in one column or row reads better than a grid of it.
  let result: ChainLayout | LayoutFailure | undefined;
  search: for (const split of [false, true]) {
    for (let label = text.start; label >= text.min; label -= 2) {
      const s = sizesFor(label, text.min);
      result =
        options.direction === 'right'
          ? layoutRight(tiers, options.width, options.height, s, split, t)
          : layoutDown(tiers, options.width, options.height, s, split, options.tight ?? false, t);
      if ('nodes' in result) break search;
    }
  }
  if (!result || !('nodes' in result)) return result!;
  const byId = new Map(result.nodes.map((n) => [n.id, n]));
  result.links = links.flatMap((l) => {
    const a = byId.get(l.from);
    const b = byId.get(l.to);
    if (!a || !b) return [];
    return [{ ...l, tier: Math.max(a.tier, b.tier), d: linkPath(a, b, options.direction) }];
  });
  // Round down to a tenth of a pixel: a box never grows past its frame or into its neighbour.
  for (const n of result.nodes)
    Object.assign(n, { x: floor(n.x), y: floor(n.y), w: floor(n.w), h: floor(n.h) });
  return result;
}

const floor = (n: number) => Math.floor(n * 10 + 1e-6) / 10;
