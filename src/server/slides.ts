import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeckState } from '../protocol/messages.ts';

/**
 * The deck's shape, which the build writes beside the pages and the relay checks a presenter's state against:
 * the schema lets any slide number through (`h: 9999`), the deck has so many.
 */
export const SLIDES_FILE = 'deck-slides.json';

/** Per horizontal slide, per vertical slide in it: at most how many fragment steps it has. */
export type SlideShape = number[][];

const CLASS_ATTR = /\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/**
 * The elements of a slide's HTML with the class `fragment`. reveal.js numbers a slide's fragment steps 0…n−1
 * over them (fragments sharing a `data-fragment-index` share a step), so this bounds `f` from above; text that
 * merely reads `class="fragment"` is escaped in the HTML and not counted.
 */
export function fragmentCount(html: string): number {
  let n = 0;
  for (const m of html.matchAll(CLASS_ATTR)) {
    if ((m[1] ?? m[2] ?? m[3] ?? '').split(/\s+/).includes('fragment')) n++;
  }
  return n;
}

/** The shape of compiled stacks (each a horizontal slide's vertical slides). */
export function slideShape(stacks: readonly (readonly { html: string }[])[]): SlideShape {
  return stacks.map((stack) => stack.map((slide) => fragmentCount(slide.html)));
}

/** A manifest's text as a shape; undefined when it is not one (then the relay checks states by schema only). */
export function parseSlideShape(text: string): SlideShape | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const stacks = (data as { stacks?: unknown } | null)?.stacks;
  const count = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  if (!Array.isArray(stacks) || stacks.length === 0) return undefined;
  if (!stacks.every((s) => Array.isArray(s) && s.length > 0 && s.every(count))) return undefined;
  return stacks as SlideShape;
}

/** The manifest the build wrote under `root`, if any. */
export function readSlideShape(root: string): SlideShape | undefined {
  try {
    return parseSlideShape(readFileSync(join(root, SLIDES_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why a state is not a place in the deck (for the presenter), or undefined when it is one. */
export function outsideDeck(state: DeckState, shape: SlideShape): string | undefined {
  const stack = shape[state.h];
  if (!stack) return `h ${state.h} is past the deck's last slide (${shape.length - 1})`;
  const fragments = stack[state.v];
  if (fragments === undefined)
    return `v ${state.v} is past slide ${state.h}'s last vertical slide (${stack.length - 1})`;
  if (state.f >= fragments)
    return `f ${state.f} is past slide ${state.h}/${state.v}'s last fragment (${fragments - 1})`;
  return undefined;
}
