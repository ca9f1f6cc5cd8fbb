import type { Box, Gradient, ShapeItem } from '../scene.ts';
import { color } from './color.ts';

/**
 * One `linear-gradient(…)` as angle and stops (px positions along a horizontal or vertical gradient of the
 * box `size`); null for anything else (images, radial, several layers).
 */
export const linearGradient = (value: string, size: { width: number; height: number }): Gradient | null => {
  const m = /^linear-gradient\((.*)\)$/.exec(value.trim());
  if (!m) return null;
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of m[1]!) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  parts.push(cur.trim());
  let angle = 180;
  const sides: Record<string, number> = { top: 0, right: 90, bottom: 180, left: 270 };
  const first = parts[0]!;
  if (/^-?[\d.]+deg$/.test(first)) angle = Number.parseFloat(first);
  else if (/^to /.test(first)) angle = sides[first.slice(3).split(' ')[0]!] ?? 180;
  const list = /deg$|^to /.test(first) ? parts.slice(1) : parts;
  const length = angle % 180 === 90 ? size.width : angle % 180 === 0 ? size.height : 0;
  const stops: Gradient['stops'] = [];
  for (const [i, part] of list.entries()) {
    const cm = /^((?:rgba?|color)\([^)]*\))\s*(.*)$/.exec(part);
    if (!cm) return null;
    const c = color(cm[1]!) ?? { hex: '000000', alpha: 0 };
    const at = (cm[2] ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((q) =>
        q.endsWith('%')
          ? Number.parseFloat(q) / 100
          : length > 0
            ? Number.parseFloat(q) / length
            : Number.NaN,
      );
    if (at.some((a) => Number.isNaN(a))) return null;
    if (at.length === 0) at.push(i / Math.max(1, list.length - 1));
    for (const a of at)
      stops.push({ at: Math.max(stops[stops.length - 1]?.at ?? 0, a), color: c.hex, alpha: c.alpha });
  }
  return stops.length >= 2 ? { angle, stops } : null;
};

/** A gradient of hard stops only (stripes): its solid bands as rectangles in `b`; null when it blends. */
export const bands = (g: Gradient, b: Box, group?: number): ShapeItem[] | null => {
  if (g.angle % 90 !== 0) return null;
  const out: ShapeItem[] = [];
  for (let i = 0; i + 1 < g.stops.length; i++) {
    const [p, q] = [g.stops[i]!, g.stops[i + 1]!];
    const same = p.color === q.color && p.alpha === q.alpha;
    if (!same && q.at > p.at + 1e-6) return null;
    if (!same || q.at <= p.at || p.alpha <= 0.01) continue;
    // Along the gradient: 90 left to right, 270 right to left, 180 top down, 0 bottom up.
    const horizontal = g.angle % 180 === 90;
    const from = g.angle === 270 || g.angle === 0 ? 1 - q.at : p.at;
    const span = q.at - p.at;
    out.push({
      kind: 'shape',
      geometry: 'rect',
      x: horizontal ? b.x + from * b.w : b.x,
      y: horizontal ? b.y : b.y + from * b.h,
      w: horizontal ? span * b.w : b.w,
      h: horizontal ? b.h : span * b.h,
      fill: p.color,
      transparency: p.alpha < 1 ? 1 - p.alpha : undefined,
      group,
    });
  }
  return out;
};
