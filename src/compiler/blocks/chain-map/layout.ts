import { type Box, px } from '../diagram/geometry.ts';
import { linesWidth, textWidth, wrapBalanced } from '../diagram/text.ts';

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

interface Measured {
  node: NodeInput;
  label: string[];
  note: string[];
  w: number;
  h: number;
}

/** A node's text wrapped to `width` (its outer width) and the box that holds it. */
function measureNode(node: NodeInput, width: number, s: Sizes): Measured {
  const inner = width - 2 * (PAD_X + BORDER);
  const label = wrapBalanced(node.label, inner, s.label);
  const note = node.note ? wrapBalanced(node.note, inner, s.note) : [];
  const figure = node.figure ? [node.figure] : [];
  const textW = Math.max(linesWidth(label, s.label), linesWidth(note, s.note), linesWidth(figure, s.figure));
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
const measured = new WeakMap<NodeInput, Map<string, Measured>>();

function measure(node: NodeInput, width: number, s: Sizes): Measured {
  const cache = measured.get(node) ?? new Map<string, Measured>();
  measured.set(node, cache);
  const key = `${width.toFixed(2)}|${s.label}`;
  const m = cache.get(key) ?? measureNode(node, width, s);
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

function grid(nodes: NodeInput[], perRow: number, width: number, gap: number, s: Sizes) {
  const cell = (width - (perRow - 1) * gap) / perRow;
  const measured = nodes.map((n) => measure(n, cell, s));
  const w = Math.max(...measured.map((m) => m.w));
  // Every node of a tier gets the same width: rewrap at it so no line is wider than its box.
  const sized = nodes.map((n) => measure(n, w, s));
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
const figuresFit = (nodes: NodeInput[], w: number, s: Sizes) =>
  nodes.every((n) => !n.figure || textWidth(n.figure, s.figure) + 2 * (PAD_X + BORDER) <= w);

/** The width a node would like: its label and figure on one line each (notes wrap instead). */
function desiredWidth(node: NodeInput, s: Sizes): number {
  const text = Math.max(textWidth(node.label, s.label), node.figure ? textWidth(node.figure, s.figure) : 0);
  return text + 2 * (PAD_X + BORDER) + 2;
}

/**
 * Column widths for the tiers: each gets what its widest label wants when they all fit, plus an equal share
 * of what is left; otherwise widths shrink in proportion, never below the narrowest node.
 */
function columnWidths(tiers: TierInput[], avail: number, s: Sizes, weights: number[]): number[] | undefined {
  const min = minNodeWidth(s);
  const want = tiers.map((t, i) => Math.max(min, ...t.nodes.map((n) => desiredWidth(n, s))) * weights[i]!);
  const total = want.reduce((a, b) => a + b, 0);
  if (total <= avail) return want.map((w) => w + (avail - total) / tiers.length);
  if (min * tiers.length > avail) return undefined;
  // Proportional shares, with the columns that fall under the minimum pinned at it.
  const widths = want.map(() => 0);
  let free = tiers.map((_, i) => i);
  let space = avail;
  for (;;) {
    const sum = free.reduce((a, i) => a + want[i]!, 0);
    const small = free.filter((i) => (space * want[i]!) / sum < min);
    if (small.length === 0) {
      for (const i of free) widths[i] = (space * want[i]!) / sum;
      return widths;
    }
    for (const i of small) widths[i] = min;
    space -= small.length * min;
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
): ChainLayout | LayoutFailure {
  // A tier that is too tall for its column gets a wider one (fewer lines, or room for a second
  // sub-column) at the others' expense, a few times over before giving up.
  const weights = tiers.map(() => 1);
  let result: ChainLayout | LayoutFailure = layoutColumns(tiers, W, H, s, split, weights);
  for (let attempt = 0; attempt < 4 && !isLayout(result) && result.axis === 'height'; attempt++) {
    weights[result.tier]! *= 2;
    const next = layoutColumns(tiers, W, H, s, split, weights);
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
): ChainLayout | LayoutFailure {
  const T = tiers.length;
  const gapT = T > 1 ? Math.min(MAX_TIER_GAP.right, Math.max(TIER_GAP.right, (W * 0.25) / (T - 1))) : 0;
  const widths = columnWidths(tiers, W - gapT * (T - 1), s, weights);
  if (!widths) return { tier: 0, need: T * minNodeWidth(s) + gapT * (T - 1), have: W, axis: 'width' };
  const lefts = widths.map((_, t) => widths.slice(0, t).reduce((a, b) => a + b + gapT, 0));
  const titleLines = tiers.map((t, i) => (t.title ? wrapBalanced(t.title, widths[i]!, s.title) : []));
  const titleH = Math.max(0, ...titleLines.map((l) => l.length)) * s.title * LINE;
  const top = titleH > 0 ? titleH + 12 : 0;
  const space = H - top;

  const nodes: PlacedNode[] = [];
  const titles: PlacedTitle[] = [];
  for (const [t, tier] of tiers.entries()) {
    const x0 = lefts[t]!;
    const colW = widths[t]!;
    let fit: ReturnType<typeof grid> | undefined;
    let need = 0;
    for (let k = 1; k <= (split ? tier.nodes.length : 1); k++) {
      const g = grid(tier.nodes, k, colW, NODE_GAP, s);
      if (g.cell < minNodeWidth(s)) break;
      need = g.rowH.reduce((a, b) => a + b, 0) + NODE_GAP * (g.rows.length - 1);
      if (need <= space) {
        fit = g;
        break;
      }
    }
    if (!fit) return { tier: t, need: Math.ceil(need + top), have: H, axis: 'height' };
    const { start, gap } = spread(fit.rowH, space, NODE_GAP, MAX_NODE_GAP);
    nodes.push(...placeGrid(fit, t, x0, colW, top + start, gap));
    if (titleLines[t]!.length > 0)
      titles.push({ tier: t, lines: titleLines[t]!, x: x0, y: 0, w: colW, h: titleH });
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
  tight = false,
): ChainLayout | LayoutFailure {
  const titled = tiers.some((t) => t.title);
  const titleW = titled
    ? Math.min(W * 0.2, Math.max(...tiers.map((t) => (t.title ? textWidth(t.title, s.title) : 0))) + 8)
    : 0;
  const left = titled ? titleW + 32 : 0;
  const areaW = W - left;
  const grids = [];
  for (const [t, tier] of tiers.entries()) {
    // Of the row counts that leave nodes wide enough, the one with the shortest tier (more rows make
    // wider nodes with fewer lines each, up to a point).
    let g: ReturnType<typeof grid> | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (let k = 1; k <= (split ? tier.nodes.length : 1); k++) {
      const perRow = Math.ceil(tier.nodes.length / k);
      const candidate = grid(tier.nodes, perRow, areaW, NODE_GAP, s);
      if (candidate.cell < minNodeWidth(s) || !figuresFit(tier.nodes, candidate.w, s)) continue;
      const height = candidate.rowH.reduce((a, b) => a + b, 0) + NODE_GAP * (candidate.rows.length - 1);
      if (height < best) [g, best] = [candidate, height];
    }
    if (!g) return { tier: t, need: left + minNodeWidth(s), have: W, axis: 'width' };
    grids.push(g);
  }
  const tierH = grids.map((g, t) => {
    const nodesH = g.rowH.reduce((a, b) => a + b, 0) + NODE_GAP * (g.rows.length - 1);
    const titleH = tiers[t]!.title
      ? wrapBalanced(tiers[t]!.title!, titleW, s.title).length * s.title * LINE
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
  for (const [t, g] of grids.entries()) {
    const nodesH = g.rowH.reduce((a, b) => a + b, 0) + NODE_GAP * (g.rows.length - 1);
    nodes.push(...placeGrid(g, t, left, areaW, y0 + (tierH[t]! - nodesH) / 2, NODE_GAP));
    const title = tiers[t]!.title;
    if (title) {
      const lines = wrapBalanced(title, titleW, s.title);
      const h = lines.length * s.title * LINE;
      titles.push({ tier: t, lines, x: 0, y: y0 + (tierH[t]! - h) / 2, w: titleW, h });
    }
    y0 += tierH[t]! + gap;
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
    /** Label size to start from and the floor of every text (design px); defaults 30 and 24. */
    text?: { start: number; min: number };
    /** Down only: the height is what the tiers need, at most `height`. */
    tight?: boolean;
  },
): ChainLayout | LayoutFailure {
  const text = options.text ?? { start: LABEL_START, min: MIN_TEXT };
  // Smaller text before split tiers: a tier in one column or row reads better than a grid of it.
  let result: ChainLayout | LayoutFailure | undefined;
  search: for (const split of [false, true]) {
    for (let label = text.start; label >= text.min; label -= 2) {
      const s = sizesFor(label, text.min);
      result =
        options.direction === 'right'
          ? layoutRight(tiers, options.width, options.height, s, split)
          : layoutDown(tiers, options.width, options.height, s, split, options.tight);
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
