import { escapeHtml, renderAttrs } from '../../compiler/html.ts';
import { BLOCK_ATTR } from '../../contracts/dom.ts';
import { type Box, px } from '../diagram/geometry.ts';
import { lines, style } from '../diagram/html.ts';
import type { ChainLayout, PlacedNode } from './layout.ts';
import { CHAIN_MAP } from './names.ts';

/**
 * The narrow (reader layout) map is laid out in design units on a 656-unit column and drawn at half size:
 * 328 CSS px fits a 360 px phone, and text of 28 units and more is 14 px and more on screen.
 */
export const NARROW = { width: 656, scale: 0.5, maxHeight: 8000, text: { start: 34, min: 28 } } as const;

export interface RenderOptions {
  id: string;
  /** The reader layout's positions of the same nodes, when the map has one. */
  narrow?: ChainLayout | undefined;
  direction: 'right' | 'down';
  step: boolean;
  caption: { html: string; height: number };
}

/** Fragment attributes for an element that appears with `tier` when stepping (tier 0 is always shown). */
const stepAttrs = (step: boolean, tier: number) =>
  step && tier > 0 ? { class: 'fragment', 'data-fragment-index': tier } : {};

/** A box's narrow position as custom properties, in CSS px (the theme uses them in the reader layout). */
function narrowBox(b: Box | undefined): Record<string, number | undefined> {
  if (!b) return {};
  const k = NARROW.scale;
  return { '--nx': b.x * k, '--ny': b.y * k, '--nw': b.w * k, '--nh': b.h * k };
}

function node(n: PlacedNode, o: RenderOptions, narrow: Map<string, PlacedNode>): string {
  const fragment = stepAttrs(o.step, n.tier);
  const attrs = renderAttrs({
    class: [CHAIN_MAP.node, fragment.class].filter(Boolean).join(' '),
    'data-fragment-index': fragment['data-fragment-index'],
    [CHAIN_MAP.nodeAttr]: n.id,
    'data-tier': n.tier,
    tabindex: 0,
    role: 'button',
    'aria-pressed': 'false',
    style: style({ left: n.x, top: n.y, width: n.w, height: n.h, ...narrowBox(narrow.get(n.id)) }),
  });
  const figure = n.figure ? `<span class="cm-figure">${escapeHtml(n.figure)}</span>` : '';
  const note = n.note.length > 0 ? `<span class="cm-note">${lines(n.note, 'cm-line')}</span>` : '';
  return `<div${attrs}>${figure}<span class="cm-label">${lines(n.label, 'cm-line')}</span>${note}</div>`;
}

/** The links as an SVG layer of paths, in the layout's units. */
function linkLayer(layout: ChainLayout, o: RenderOptions, className: string, scale = 1): string {
  const { width: W, height: H } = layout;
  const paths = layout.links
    .map((l) => {
      const fragment = stepAttrs(o.step, l.tier);
      return `<path${renderAttrs({
        class: [CHAIN_MAP.link, l.dashed ? 'cm-link-dashed' : '', fragment.class].filter(Boolean).join(' '),
        'data-fragment-index': fragment['data-fragment-index'],
        [CHAIN_MAP.fromAttr]: l.from,
        [CHAIN_MAP.toAttr]: l.to,
        d: l.d,
      })}/>`;
    })
    .join('');
  return `<svg class="${className}" width="${px(W * scale)}" height="${px(H * scale)}" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">${paths}</svg>`;
}

/**
 * The chain map as HTML: an SVG layer of links under absolutely placed nodes, all in design px. A narrow
 * layout adds its own link layer and each box's narrow position; the text is written once.
 */
export function renderChainMap(layout: ChainLayout, o: RenderOptions): string {
  const { width: W, height: H, sizes } = layout;
  const narrow = o.narrow;
  const narrowNodes = new Map((narrow?.nodes ?? []).map((n) => [n.id, n]));
  const narrowTitles = new Map((narrow?.titles ?? []).map((t) => [t.tier, t]));
  const titles = layout.titles
    .map((t) => {
      const fragment = stepAttrs(o.step, t.tier);
      return `<div${renderAttrs({
        class: ['cm-tier-title', fragment.class].filter(Boolean).join(' '),
        'data-fragment-index': fragment['data-fragment-index'],
        'data-tier': t.tier,
        style: style({
          left: t.x,
          top: t.y,
          width: t.w,
          height: t.h,
          ...narrowBox(narrowTitles.get(t.tier)),
        }),
      })}>${lines(t.lines, 'cm-line')}</div>`;
    })
    .join('');
  const rootStyle = style({
    width: W,
    height: H + o.caption.height,
    '--cm-label-size': sizes.label,
    '--cm-figure-size': sizes.figure,
    '--cm-note-size': sizes.note,
    '--cm-title-size': sizes.title,
    ...(narrow
      ? {
          '--cm-narrow-w': narrow.width * NARROW.scale,
          '--cm-narrow-h': narrow.height * NARROW.scale,
          '--cm-n-label': narrow.sizes.label * NARROW.scale,
          '--cm-n-figure': narrow.sizes.figure * NARROW.scale,
          '--cm-n-note': narrow.sizes.note * NARROW.scale,
          '--cm-n-title': narrow.sizes.title * NARROW.scale,
        }
      : {}),
  });
  return (
    `<figure${renderAttrs({ class: 'chain-map', id: o.id, [BLOCK_ATTR]: CHAIN_MAP.block, 'data-direction': o.direction, 'data-step': o.step ? 'tiers' : undefined, 'data-narrow': narrow ? 'down' : undefined, style: rootStyle })}>` +
    `<div class="cm-frame" style="${style({ width: W, height: H })}">` +
    linkLayer(layout, o, 'cm-links') +
    (narrow ? linkLayer(narrow, o, 'cm-links cm-links-narrow', NARROW.scale) : '') +
    titles +
    layout.nodes.map((n) => node(n, o, narrowNodes)).join('') +
    `</div>${o.caption.html}</figure>\n`
  );
}
