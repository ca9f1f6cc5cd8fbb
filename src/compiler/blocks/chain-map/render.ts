import { escapeHtml, renderAttrs } from '../../html.ts';
import { lines, style } from '../diagram/html.ts';
import type { ChainLayout, PlacedNode } from './layout.ts';

export interface RenderOptions {
  id: string;
  direction: 'right' | 'down';
  step: boolean;
  caption: { html: string; height: number };
}

/** Fragment attributes for an element that appears with `tier` when stepping (tier 0 is always shown). */
const stepAttrs = (step: boolean, tier: number) =>
  step && tier > 0 ? { class: 'fragment', 'data-fragment-index': tier } : {};

function node(n: PlacedNode, o: RenderOptions): string {
  const fragment = stepAttrs(o.step, n.tier);
  const attrs = renderAttrs({
    class: ['cm-node', fragment.class].filter(Boolean).join(' '),
    'data-fragment-index': fragment['data-fragment-index'],
    'data-node': n.id,
    'data-tier': n.tier,
    tabindex: 0,
    role: 'button',
    'aria-pressed': 'false',
    style: style({ left: n.x, top: n.y, width: n.w, height: n.h }),
  });
  const figure = n.figure ? `<span class="cm-figure">${escapeHtml(n.figure)}</span>` : '';
  const note = n.note.length > 0 ? `<span class="cm-note">${lines(n.note, 'cm-line')}</span>` : '';
  return `<div${attrs}>${figure}<span class="cm-label">${lines(n.label, 'cm-line')}</span>${note}</div>`;
}

/** The chain map as HTML: an SVG layer of links under absolutely placed nodes, all in design px. */
export function renderChainMap(layout: ChainLayout, o: RenderOptions): string {
  const { width: W, height: H, sizes } = layout;
  const paths = layout.links
    .map((l) => {
      const fragment = stepAttrs(o.step, l.tier);
      return `<path${renderAttrs({
        class: ['cm-link', l.dashed ? 'cm-link-dashed' : '', fragment.class].filter(Boolean).join(' '),
        'data-fragment-index': fragment['data-fragment-index'],
        'data-from': l.from,
        'data-to': l.to,
        d: l.d,
      })}/>`;
    })
    .join('');
  const titles = layout.titles
    .map((t) => {
      const fragment = stepAttrs(o.step, t.tier);
      return `<div${renderAttrs({
        class: ['cm-tier-title', fragment.class].filter(Boolean).join(' '),
        'data-fragment-index': fragment['data-fragment-index'],
        'data-tier': t.tier,
        style: style({ left: t.x, top: t.y, width: t.w, height: t.h }),
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
  });
  return (
    `<figure${renderAttrs({ class: 'chain-map', id: o.id, 'data-block': 'chain-map', 'data-direction': o.direction, 'data-step': o.step ? 'tiers' : undefined, style: rootStyle })}>` +
    `<div class="cm-frame" style="${style({ width: W, height: H })}">` +
    `<svg class="cm-links" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">${paths}</svg>` +
    titles +
    layout.nodes.map((n) => node(n, o)).join('') +
    `</div>${o.caption.html}</figure>\n`
  );
}
