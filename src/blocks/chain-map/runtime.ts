import { blockSelector, type DeckContext, type DeckPart, onSlideEvents } from '../kit.ts';
import { CHAIN_MAP } from './names.ts';

const MAP = blockSelector(CHAIN_MAP.block);
const NODE = `${MAP} .${CHAIN_MAP.node}[${CHAIN_MAP.nodeAttr}]`;
const nodeId = (el: Element) => el.getAttribute(CHAIN_MAP.nodeAttr) ?? '';

/** Marks `id`'s node active, its neighbours and its links; no id clears the map. */
function highlight(map: HTMLElement, id: string | undefined): void {
  for (const el of map.querySelectorAll<HTMLElement | SVGElement>('[data-state]'))
    el.removeAttribute('data-state');
  for (const el of map.querySelectorAll(`.${CHAIN_MAP.node}`)) el.setAttribute('aria-pressed', 'false');
  if (id === undefined) {
    delete map.dataset.active;
    return;
  }
  map.dataset.active = id;
  const neighbours = new Set<string>();
  for (const link of map.querySelectorAll<SVGElement>(`.${CHAIN_MAP.link}`)) {
    const from = link.getAttribute(CHAIN_MAP.fromAttr);
    const to = link.getAttribute(CHAIN_MAP.toAttr);
    if (from !== id && to !== id) continue;
    link.dataset.state = 'active';
    neighbours.add(from === id ? to! : from!);
  }
  for (const node of map.querySelectorAll<HTMLElement>(`.${CHAIN_MAP.node}`)) {
    const own = nodeId(node);
    if (own === id) {
      node.dataset.state = 'active';
      node.setAttribute('aria-pressed', String(map.dataset.pinned === id));
    } else if (neighbours.has(own)) node.dataset.state = 'neighbor';
  }
}

/** A click or Enter/Space pins a node's highlight; doing it again (or clicking elsewhere) unpins it. */
function toggle(node: HTMLElement): void {
  const map = node.closest<HTMLElement>(MAP)!;
  const id = nodeId(node);
  if (map.dataset.pinned === id) {
    delete map.dataset.pinned;
    highlight(map, undefined);
  } else {
    map.dataset.pinned = id;
    highlight(map, id);
  }
}

function unpinAll(scope: ParentNode): void {
  for (const map of scope.querySelectorAll<HTMLElement>(MAP)) {
    delete map.dataset.pinned;
    highlight(map, undefined);
  }
}

/**
 * Chain maps are drawn at build time; this part only adds behaviour. Nodes are focusable buttons: focus
 * highlights a node's links and neighbours, click or Enter/Space pins it. No library, nothing to wait for.
 */
export default function chainMaps(): DeckPart {
  const offs: (() => void)[] = [];
  const listen = <K extends keyof DocumentEventMap>(
    type: K,
    fn: (e: DocumentEventMap[K]) => void,
    capture = false,
  ) => {
    document.addEventListener(type, fn, capture);
    offs.push(() => document.removeEventListener(type, fn, capture));
  };
  const nodeOf = (e: Event) => (e.target instanceof Element ? e.target.closest<HTMLElement>(NODE) : null);

  return {
    name: 'chain-map',
    setup(ctx: DeckContext) {
      listen('focusin', (e) => {
        const node = nodeOf(e);
        const map = node?.closest<HTMLElement>(MAP);
        if (node && map && map.dataset.pinned === undefined) highlight(map, nodeId(node));
      });
      listen('focusout', (e) => {
        const map = nodeOf(e)?.closest<HTMLElement>(MAP);
        if (map && map.dataset.pinned === undefined) highlight(map, undefined);
      });
      listen('click', (e) => {
        const node = nodeOf(e);
        if (node) toggle(node);
        else unpinAll(document);
      });
      // Enter and Space act on the node. reveal.js listens on document too (and first), so this runs in
      // the capture phase and stops the key before reveal.js takes Space as "next slide".
      listen(
        'keydown',
        (e) => {
          const node = nodeOf(e);
          if (!node || (e.key !== 'Enter' && e.key !== ' ') || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          e.stopPropagation();
          toggle(node);
        },
        true,
      );
      if (ctx.print) return;
      offs.push(
        onSlideEvents(ctx.reveal, ['slidechanged'], ({ previousSlide }) => {
          if (previousSlide) unpinAll(previousSlide);
        }),
      );
    },
    ready: () => Promise.resolve(),
    teardown() {
      for (const off of offs.splice(0)) off();
    },
  };
}
