import type { DeckContext, DeckPart } from '../part.ts';

const MAP = '[data-block="chain-map"]';
const NODE = `${MAP} .cm-node[data-node]`;
const TIMELINE = '[data-block="timeline"][data-step]';

/** Marks `id`'s node active, its neighbours and its links; no id clears the map. */
function highlight(map: HTMLElement, id: string | undefined): void {
  for (const el of map.querySelectorAll<HTMLElement | SVGElement>('[data-state]'))
    el.removeAttribute('data-state');
  for (const el of map.querySelectorAll('.cm-node')) el.setAttribute('aria-pressed', 'false');
  if (id === undefined) {
    delete map.dataset.active;
    return;
  }
  map.dataset.active = id;
  const neighbours = new Set<string>();
  for (const link of map.querySelectorAll<SVGElement>('.cm-link')) {
    const { from, to } = link.dataset;
    if (from !== id && to !== id) continue;
    link.dataset.state = 'active';
    neighbours.add(from === id ? to! : from!);
  }
  for (const node of map.querySelectorAll<HTMLElement>('.cm-node')) {
    const nodeId = node.dataset.node!;
    if (nodeId === id) {
      node.dataset.state = 'active';
      node.setAttribute('aria-pressed', String(map.dataset.pinned === id));
    } else if (neighbours.has(nodeId)) node.dataset.state = 'neighbor';
  }
}

/** A click or Enter/Space pins a node's highlight; doing it again (or clicking elsewhere) unpins it. */
function toggle(node: HTMLElement): void {
  const map = node.closest<HTMLElement>(MAP)!;
  const id = node.dataset.node!;
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

/** The last shown event of each stepping timeline on the slide is the current one. */
function markCurrent(slide: Element | undefined): void {
  if (!slide) return;
  for (const timeline of slide.querySelectorAll(TIMELINE)) {
    let current: HTMLElement | undefined;
    let best = -1;
    for (const event of timeline.querySelectorAll<HTMLElement>('.tl-event.fragment.visible')) {
      const index = Number(event.dataset.fragmentIndex ?? 0);
      if (index >= best) [current, best] = [event, index];
    }
    for (const event of timeline.querySelectorAll<HTMLElement>('.tl-event')) {
      const on = event === current;
      event.toggleAttribute('data-current', on);
      if (on) event.setAttribute('aria-current', 'step');
      else event.removeAttribute('aria-current');
    }
  }
}

/**
 * Diagrams are drawn at build time; this part only adds behaviour. Chain-map nodes are focusable buttons:
 * focus highlights a node's links and neighbours, click or Enter/Space pins it. A stepping timeline marks
 * its current event. No library, and nothing to wait for.
 */
export function diagrams(): DeckPart {
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
    name: 'diagrams',
    setup(ctx: DeckContext) {
      listen('focusin', (e) => {
        const node = nodeOf(e);
        const map = node?.closest<HTMLElement>(MAP);
        if (node && map && map.dataset.pinned === undefined) highlight(map, node.dataset.node);
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
      const { reveal } = ctx;
      const onFragment = () => markCurrent(reveal.getCurrentSlide());
      const onSlide = (e: Event) => {
        const previous = (e as Event & { previousSlide?: HTMLElement }).previousSlide;
        if (previous) unpinAll(previous);
        onFragment();
      };
      for (const type of ['fragmentshown', 'fragmenthidden'] as const) {
        reveal.on(type, onFragment);
        offs.push(() => reveal.off(type, onFragment));
      }
      reveal.on('slidechanged', onSlide);
      offs.push(() => reveal.off('slidechanged', onSlide));
      onFragment();
    },
    ready: () => Promise.resolve(),
    teardown() {
      for (const off of offs.splice(0)) off();
    },
  };
}
