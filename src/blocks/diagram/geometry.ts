/** An axis-aligned box in the diagram's px coordinates (the slide's 1920×1080 design pixels). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Sub-pixel slack for float arithmetic: 1/1000 of a design pixel. */
const EPS = 1e-3;

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
}

/** Whether `box` lies wholly inside `frame`. */
export function inside(box: Box, frame: Box): boolean {
  return (
    box.x >= frame.x - EPS &&
    box.y >= frame.y - EPS &&
    box.x + box.w <= frame.x + frame.w + EPS &&
    box.y + box.h <= frame.y + frame.h + EPS
  );
}

/** Every pair of boxes that overlap, by index: empty for a valid layout. */
export function overlappingPairs(boxes: Box[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i]!, boxes[j]!)) pairs.push([i, j]);
  return pairs;
}

/** Rounds to a tenth of a pixel: stable output, no float noise in the HTML. */
export const px = (n: number): number => Math.round(n * 10) / 10;
