import { noFactsFile } from '../../compiler/facts/load.ts';
import { resolveRef } from '../../compiler/facts/refs.ts';
import { deckText } from '../../i18n/deck-text.ts';
import { type BlockContext, defineBlock, type Spec } from '../define.ts';
import { caption, uniqueSources } from '../diagram/html.ts';
import { isLayout, type LinkInput, layoutChainMap, MIN_TEXT } from './layout.ts';
import { NARROW, renderChainMap } from './render.ts';
import { ChainMapSchema, type ChainMapSpec } from './schema.ts';

const NAME = 'chain-map';

/** Links with both ends spelled out; `a -> b` and lists of ends expand to one link per pair. */
function expandLinks(spec: ChainMapSpec): (LinkInput & { index: number })[] {
  return spec.links.flatMap((link, index) => {
    if (typeof link === 'string') {
      const [from = '', to = ''] = link.split('->').map((s) => s.trim());
      return [{ from, to, dashed: false, index }];
    }
    const froms = Array.isArray(link.from) ? link.from : [link.from];
    const tos = Array.isArray(link.to) ? link.to : [link.to];
    return froms.flatMap((from) => tos.map((to) => ({ from, to, dashed: link.style === 'dashed', index })));
  });
}

/** What YAML cannot check: ids unique, links between known nodes of different tiers, figures sourced. */
function check(spec: Spec<ChainMapSpec>): boolean {
  const { value } = spec;
  let ok = true;
  const fail = (...args: Parameters<typeof spec.problem>) => {
    ok = false;
    spec.problem(...args);
  };
  const tierOf = new Map<string, number>();
  for (const [t, tier] of value.tiers.entries()) {
    for (const [n, node] of tier.nodes.entries()) {
      if (tierOf.has(node.id)) {
        fail(['tiers', t, 'nodes', n, 'id'], `duplicate node id "${node.id}": every node needs its own id`);
      } else tierOf.set(node.id, t);
      if (node.figure && !node.source && !value.source) {
        fail(
          ['tiers', t, 'nodes', n, 'figure'],
          `figure "${node.figure}" of node "${node.id}" has no source: add source: to the node or to the block`,
        );
      }
    }
  }
  const known = [...tierOf.keys()];
  for (const link of expandLinks(value)) {
    const raw = value.links[link.index];
    for (const end of ['from', 'to'] as const) {
      const id = link[end];
      if (tierOf.has(id)) continue;
      const path = typeof raw === 'string' ? ['links', link.index] : ['links', link.index, end];
      fail(path, `link ${end} unknown node "${id}": node ids are ${known.join(', ')}`);
    }
    const a = tierOf.get(link.from);
    if (a !== undefined && a === tierOf.get(link.to)) {
      fail(
        ['links', link.index],
        `link "${link.from}" -> "${link.to}" joins two nodes of the same tier: links run between tiers`,
      );
    }
  }
  return ok;
}

/** Nodes that cite a fact take its value as their figure and its source as theirs. */
function resolveFacts(spec: Spec<ChainMapSpec>, ctx: BlockContext): boolean {
  let ok = true;
  const facts = ctx.facts();
  for (const [t, tier] of spec.value.tiers.entries()) {
    for (const [n, node] of tier.nodes.entries()) {
      if (!node.fact) continue;
      const r = facts ? resolveRef({ kind: 'fact', id: node.fact, part: 'all' }, facts) : undefined;
      if (!r?.ok) {
        ok = false;
        spec.problem(['tiers', t, 'nodes', n, 'fact'], r ? r.message : `fact: ${noFactsFile(ctx)}`);
        continue;
      }
      ctx.cite(r.sourceId, r.source, node.fact);
      node.figure = r.fact?.derived ? r.text + deckText(ctx.lang).derivedAfter : r.text;
      node.source = r.source;
    }
  }
  return ok;
}

function render(spec: Spec<ChainMapSpec>, ctx: BlockContext): string {
  if (!resolveFacts(spec, ctx) || !check(spec)) return '';
  const { value } = spec;
  const sources = uniqueSources([...value.tiers.flatMap((t) => t.nodes.map((n) => n.source)), value.source]);
  const cap = caption(value.caption, sources, value.width, deckText(ctx.lang), ctx.host.measure, ctx.noBreak);
  const links = expandLinks(value);
  const layout = layoutChainMap(value.tiers, links, {
    width: value.width,
    height: value.height - cap.height,
    direction: value.direction,
    measure: ctx.host.measure,
  });
  if (!isLayout(layout)) {
    const tier = value.tiers[layout.tier];
    const name = tier?.title ? `tier "${tier.title}"` : `tier ${layout.tier + 1}`;
    const fix =
      layout.axis === 'height'
        ? `raise height (at most 896), shorten labels, move nodes to another tier${value.direction === 'right' ? '' : ' or use direction: right'}`
        : `raise width (at most 1680), use fewer tiers${value.direction === 'right' ? ' or direction: down' : ''}`;
    spec.problem(
      ['tiers', layout.tier],
      `${name} does not fit at ${MIN_TEXT} px text: it needs ${layout.need} px of ${layout.axis} and has ${layout.have} px; ${fix}`,
    );
    return '';
  }
  // The reader layout's map (a phone): tiers down the screen. Without one the map scrolls inside itself there.
  const narrow = layoutChainMap(value.tiers, links, {
    width: NARROW.width,
    height: NARROW.maxHeight,
    direction: 'down',
    text: NARROW.text,
    tight: true,
    measure: ctx.host.measure,
  });
  return renderChainMap(layout, {
    id: ctx.id,
    narrow: isLayout(narrow) ? narrow : undefined,
    direction: value.direction,
    step: value.step === 'tiers',
    caption: cap,
  });
}

/**
 * ```chain-map: a layered diagram of tiers, nodes and links, laid out and drawn at build time; on a phone, its
 * narrow layout (tiers down the screen), or, when none fits, the map scrolling across inside itself.
 */
export const chainMap = defineBlock({
  name: NAME,
  schema: ChainMapSchema,
  render,
  example: 'step: tiers',
  runtime: './runtime.ts',
  css: '../diagram/style.css',
  narrow: 'reflow',
});
