import type { Item, ShapeItem } from '../scene.ts';
import { color, px } from './color.ts';
import { box, type Slide } from './slide.ts';

/** Fill and outline of an element's own box (null: it paints none). */
export function paint(cs: CSSStyleDeclaration) {
  const fill = color(cs.backgroundColor);
  const sides = (['top', 'right', 'bottom', 'left'] as const).map((s) => ({
    width: cs.borderStyle === 'none' ? 0 : px(cs.getPropertyValue(`border-${s}-width`)),
    color: color(cs.getPropertyValue(`border-${s}-color`)),
    style: cs.getPropertyValue(`border-${s}-style`),
  }));
  const drawn = sides.map((s) => (s.width > 0 && s.color && s.style !== 'none' ? s : null));
  if (!fill && drawn.every((s) => !s)) return null;
  return { fill, sides: drawn };
}

/** The element's box as a shape: rectangle, rounded rectangle or ellipse, with its fill and outline. */
export function shapeOf(
  s: Slide,
  el: Element,
  cs: CSSStyleDeclaration,
  group?: number,
): { shape: ShapeItem; edges: Item[] } | null {
  const p = paint(cs);
  if (!p) return null;
  const b = box(s, el.getBoundingClientRect());
  // A CSS triangle: no content box, one coloured border between transparent ones; it points away from it.
  const drawnSides = p.sides.filter(Boolean);
  if (!p.fill && drawnSides.length === 1 && px(cs.width) === 0 && px(cs.height) === 0) {
    const side = p.sides.findIndex(Boolean);
    const width = p.sides[side]!.width;
    // The coloured border's own region of the box: the triangle fills it.
    const region = [
      { x: b.x, y: b.y, w: b.w, h: width },
      { x: b.x + b.w - width, y: b.y, w: width, h: b.h },
      { x: b.x, y: b.y + b.h - width, w: b.w, h: width },
      { x: b.x, y: b.y, w: width, h: b.h },
    ][side]!;
    const rotate = [180, 270, 0, 90][side]!;
    const turned = rotate % 180 !== 0;
    const w = turned ? region.h : region.w;
    const h = turned ? region.w : region.h;
    return {
      shape: {
        kind: 'shape',
        geometry: 'triangle',
        x: region.x + (region.w - w) / 2,
        y: region.y + (region.h - h) / 2,
        w,
        h,
        rotate: rotate || undefined,
        fill: p.sides[side]!.color!.hex,
        group,
      },
      edges: [],
    };
  }
  const radius = px(cs.borderTopLeftRadius);
  const percent = /%/.test(cs.borderTopLeftRadius) ? Number.parseFloat(cs.borderTopLeftRadius) : 0;
  const round = percent >= 50 || radius >= Math.min(b.w, b.h) / 2 - 0.5;
  const shape: ShapeItem = {
    kind: 'shape',
    geometry: round && Math.abs(b.w - b.h) < 2 ? 'ellipse' : radius > 0 || percent > 0 ? 'roundRect' : 'rect',
    ...b,
    group,
  };
  if (shape.geometry === 'roundRect')
    shape.radius = percent > 0 ? (Math.min(b.w, b.h) * percent) / 100 : radius;
  if (p.fill) {
    shape.fill = p.fill.hex;
    if (p.fill.alpha < 1) shape.transparency = 1 - p.fill.alpha;
  }
  const edges: Item[] = [];
  const [top, right, bottom, left] = p.sides;
  const same =
    top &&
    right &&
    bottom &&
    left &&
    [right, bottom, left].every((e) => e.width === top.width && e.color!.hex === top.color!.hex);
  if (same)
    shape.line = {
      color: top.color!.hex,
      width: top.width,
      dash: top.style === 'dashed' || top.style === 'dotted',
    };
  else {
    // One-sided borders (a rule at the left of a quote) are thin filled bars along that edge.
    const bar = (e: typeof top, x: number, y: number, w: number, h: number) => {
      if (e) edges.push({ kind: 'shape', geometry: 'rect', x, y, w, h, fill: e.color!.hex, group });
    };
    bar(top, b.x, b.y, b.w, top?.width ?? 0);
    bar(bottom, b.x, b.y + b.h - (bottom?.width ?? 0), b.w, bottom?.width ?? 0);
    bar(left, b.x, b.y, left?.width ?? 0, b.h);
    bar(right, b.x + b.w - (right?.width ?? 0), b.y, right?.width ?? 0, b.h);
  }
  return { shape, edges };
}
