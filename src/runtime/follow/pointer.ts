import type { RevealApi } from 'reveal.js';
import type { PointerAt } from '../../protocol/messages.ts';
import { isReader } from '../layout.ts';

/** What a pointer on a phone's reader layout highlights: the nearest of these around the point. */
const POINTABLE =
  'li, p, h1, h2, h3, h4, h5, h6, tr, figure, pre, blockquote, img, canvas, svg, table, [data-block]';
const MAX_DEPTH = 16;

/**
 * The element as a path of element-child indexes from its slide (`2/0/1`): the same build draws the same
 * slide on every page, so a follower finds the element the presenter points at without ids in the markup.
 */
export function elementPath(slide: Element, el: Element): string | undefined {
  const steps: number[] = [];
  for (let node: Element | null = el; node && node !== slide; node = node.parentElement) {
    const parent: Element | null = node.parentElement;
    if (!parent) return undefined;
    steps.unshift(Array.prototype.indexOf.call(parent.children, node));
  }
  return steps.length > 0 && steps.length <= MAX_DEPTH ? steps.join('/') : undefined;
}

export function resolvePath(slide: Element, path: string): Element | undefined {
  let node: Element | undefined = slide;
  for (const step of path.split('/')) node = node?.children[Number(step)];
  return node;
}

/** Where on the slide a screen point is: fractions of its design space, and the element under it. */
export function pointAt(reveal: RevealApi, clientX: number, clientY: number): PointerAt {
  const box = (reveal.getSlidesElement() as HTMLElement).getBoundingClientRect();
  const x = (clientX - box.left) / box.width;
  const y = (clientY - box.top) / box.height;
  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) return null;
  const { h, v = 0 } = reveal.getIndices();
  const slide = reveal.getCurrentSlide();
  const hit = document
    .elementsFromPoint(clientX, clientY)
    .find((e) => slide?.contains(e) && e !== slide)
    ?.closest(POINTABLE);
  const el = slide && hit && slide.contains(hit) ? elementPath(slide, hit) : undefined;
  return { h, v, x: round(x), y: round(y), ...(el ? { el } : {}) };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Draws the presenter's pointer on this page: on the 16:9 slide a dot at the same place (inside reveal.js's
 * slide box, so it scales with it); on the reader layout a highlight of the element it points at, scrolled into
 * view. `<html data-deck-pointer>` says which (`dot`, `element`, `off`): tests wait on it.
 */
export class PointerLayer {
  private readonly dot: HTMLElement;
  private at: PointerAt = null;
  private marked: Element | undefined;
  private readonly refresh = () => this.draw();

  constructor(private readonly reveal: RevealApi) {
    this.dot = document.createElement('div');
    this.dot.className = 'deck-pointer';
    this.dot.setAttribute('aria-hidden', 'true');
    this.dot.hidden = true;
    (reveal.getSlidesElement() as HTMLElement).append(this.dot);
    reveal.on('slidechanged', this.refresh);
    document.documentElement.dataset.deckPointer = 'off';
  }

  show(at: PointerAt): void {
    this.at = at;
    this.draw();
  }

  private draw(): void {
    const at = this.at;
    const root = document.documentElement;
    const slide = at ? this.reveal.getSlide(at.h, at.v) : undefined;
    const here = slide !== undefined && slide === this.reveal.getCurrentSlide();
    const target = here && at?.el ? resolvePath(slide, at.el) : undefined;
    if (target !== this.marked) {
      this.marked?.classList.remove('deck-pointed');
      this.marked = undefined;
    }
    if (!at || !here) {
      this.dot.hidden = true;
      root.dataset.deckPointer = 'off';
      return;
    }
    if (isReader()) {
      this.dot.hidden = true;
      if (!target) {
        root.dataset.deckPointer = 'off';
        return;
      }
      if (target !== this.marked) {
        target.classList.add('deck-pointed');
        this.marked = target;
        const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
        target.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
      }
      root.dataset.deckPointer = 'element';
      return;
    }
    this.dot.style.left = `${at.x * 100}%`;
    this.dot.style.top = `${at.y * 100}%`;
    this.dot.hidden = false;
    root.dataset.deckPointer = 'dot';
  }

  remove(): void {
    this.reveal.off('slidechanged', this.refresh);
    this.marked?.classList.remove('deck-pointed');
    this.dot.remove();
    delete document.documentElement.dataset.deckPointer;
  }
}

/**
 * The presenter's laser pointer: while on, the mouse over the slide (or a finger on it, on a phone, where
 * reveal.js's swipes are off meanwhile) moves it; `moved` gets each position (null: off the slide or off).
 */
export class PointerInput {
  private on = false;
  private touchWas: boolean | undefined;
  private readonly move = (e: PointerEvent) => {
    if (!this.on) return;
    if (e.pointerType !== 'mouse' && e.type === 'pointermove' && e.buttons === 0) return;
    this.moved(pointAt(this.reveal, e.clientX, e.clientY));
  };

  constructor(
    private readonly reveal: RevealApi,
    private readonly moved: (at: PointerAt) => void,
  ) {
    const deck = reveal.getRevealElement() as HTMLElement;
    deck.addEventListener('pointermove', this.move, { passive: true });
    deck.addEventListener('pointerdown', this.move, { passive: true });
  }

  get isOn(): boolean {
    return this.on;
  }

  set(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    document.documentElement.classList.toggle('deck-pointing', on);
    if (on) {
      this.touchWas = this.reveal.getConfig().touch !== false;
      this.reveal.configure({ touch: false });
    } else {
      if (this.touchWas) this.reveal.configure({ touch: true });
      this.moved(null);
    }
  }

  remove(): void {
    this.set(false);
    const deck = this.reveal.getRevealElement() as HTMLElement;
    deck.removeEventListener('pointermove', this.move);
    deck.removeEventListener('pointerdown', this.move);
  }
}
