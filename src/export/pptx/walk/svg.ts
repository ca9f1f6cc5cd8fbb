import type { Line, PathPoint } from '../scene.ts';
import { color, px } from './color.ts';
import { box, fallback, type Slide } from './slide.ts';

const svgLine = (cs: CSSStyleDeclaration, scale: number): Line | null => {
  const c = color(cs.stroke);
  const width = px(cs.strokeWidth) * scale;
  if (!c || width <= 0) return null;
  return { color: c.hex, width, dash: cs.strokeDasharray !== 'none' };
};
/** Absolute points of a path's M, L, H, V, C, Z commands (null when it has others: arcs, quadratics). */
const pathPoints = (d: string): PathPoint[] | null => {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const points: PathPoint[] = [];
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i]!)) cmd = tokens[i++]!;
    const rel = cmd === cmd.toLowerCase();
    const C = cmd.toUpperCase();
    if (C === 'Z') {
      points.push({ close: true });
      x = sx;
      y = sy;
      continue;
    }
    if (C === 'M' || C === 'L') {
      const nx = num() + (rel ? x : 0);
      const ny = num() + (rel ? y : 0);
      x = nx;
      y = ny;
      if (C === 'M') {
        sx = x;
        sy = y;
        points.push({ x, y, moveTo: true });
        cmd = rel ? 'l' : 'L';
      } else points.push({ x, y });
    } else if (C === 'H') {
      x = num() + (rel ? x : 0);
      points.push({ x, y });
    } else if (C === 'V') {
      y = num() + (rel ? y : 0);
      points.push({ x, y });
    } else if (C === 'C') {
      const [x1, y1, x2, y2, ex, ey] = [num(), num(), num(), num(), num(), num()];
      const o = (v: number, base: number) => v + (rel ? base : 0);
      points.push({
        x: o(ex, x),
        y: o(ey, y),
        curve: { x1: o(x1, x), y1: o(y1, y), x2: o(x2, x), y2: o(y2, y) },
      });
      x = o(ex, x);
      y = o(ey, y);
    } else return null;
    if (points.some((p) => 'x' in p && Number.isNaN(p.x))) return null;
  }
  return points;
};

export const walkSvg = (s: Slide, svg: SVGSVGElement, group: number | undefined) => {
  const toPage = (m: DOMMatrix, x: number, y: number) => {
    const p = new DOMPoint(x, y).matrixTransform(m);
    return { x: p.x - s.origin.left, y: p.y - s.origin.top };
  };
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (!(child instanceof SVGGraphicsElement)) continue;
      const tag = child.tagName.toLowerCase();
      if (/^(defs|marker|clippath|mask|symbol|pattern|lineargradient|radialgradient|title|desc)$/.test(tag))
        continue;
      const cs = getComputedStyle(child);
      if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const m = child.getScreenCTM();
      if (!m) continue;
      const scale = Math.hypot(m.a, m.b);
      const rotated = Math.abs(m.b) > 1e-6 || Math.abs(m.c) > 1e-6;
      const fill = color(cs.fill);
      const line = svgLine(cs, scale);
      const headEnd = cs.markerEnd !== 'none' && cs.markerEnd !== '';
      const headStart = cs.markerStart !== 'none' && cs.markerStart !== '';
      if (tag === 'g' || tag === 'a') {
        visit(child);
        continue;
      }
      if (rotated && tag !== 'line' && tag !== 'path') {
        s.items.push(fallback(s, child, `rotated svg ${tag}`, false, group));
        continue;
      }
      if (tag === 'circle' || tag === 'ellipse' || tag === 'rect') {
        const b = box(s, child.getBoundingClientRect());
        // The stroke straddles the outline: the shape is the geometry, the bounding box includes the stroke.
        const inset = line ? line.width / 2 : 0;
        const rx = tag === 'rect' ? px(cs.getPropertyValue('rx')) * scale : 0;
        s.items.push({
          kind: 'shape',
          geometry: tag === 'rect' ? (rx > 0 ? 'roundRect' : 'rect') : 'ellipse',
          radius: rx > 0 ? rx : undefined,
          x: b.x + inset,
          y: b.y + inset,
          w: b.w - 2 * inset,
          h: b.h - 2 * inset,
          fill: fill?.hex,
          transparency: fill && fill.alpha < 1 ? 1 - fill.alpha : undefined,
          line: line ?? undefined,
          group,
        });
      } else if (tag === 'line' || tag === 'path' || tag === 'polyline') {
        let local: PathPoint[] | null = null;
        if (tag === 'line') {
          const l = child as SVGLineElement;
          local = [
            { x: l.x1.baseVal.value, y: l.y1.baseVal.value, moveTo: true },
            { x: l.x2.baseVal.value, y: l.y2.baseVal.value },
          ];
        } else if (tag === 'polyline') {
          local = [...(child as SVGPolylineElement).points].map((p, i) => ({
            x: p.x,
            y: p.y,
            moveTo: i === 0,
          }));
        } else local = pathPoints(child.getAttribute('d') ?? '');
        if (!local || !line) {
          if (local && fill && !line) {
            s.items.push(fallback(s, child, 'filled svg path', false, group));
          } else if (!local) s.items.push(fallback(s, child, `svg path with arcs`, false, group));
          continue;
        }
        const points: PathPoint[] = local.map((p) => {
          if ('close' in p) return p;
          const q = toPage(m, p.x, p.y);
          if ('curve' in p) {
            const c1 = toPage(m, p.curve.x1, p.curve.y1);
            const c2 = toPage(m, p.curve.x2, p.curve.y2);
            return { ...q, curve: { x1: c1.x, y1: c1.y, x2: c2.x, y2: c2.y } };
          }
          return { ...q, moveTo: p.moveTo };
        });
        const xy = points.filter((p): p is { x: number; y: number } => 'x' in p);
        const straight = points.length === 2 && !points.some((p) => 'curve' in p || 'close' in p);
        if (straight) {
          const [a, b] = xy as [{ x: number; y: number }, { x: number; y: number }];
          s.items.push({
            kind: 'line',
            x: a.x,
            y: a.y,
            w: b.x - a.x,
            h: b.y - a.y,
            line,
            headEnd,
            headStart,
            group,
          });
          continue;
        }
        const xs = xy.flatMap((p) =>
          'curve' in p ? [p.x, (p as { curve: { x1: number } }).curve.x1] : [p.x],
        );
        const ys = xy.map((p) => p.y);
        const x0 = Math.min(...xs);
        const y0 = Math.min(...ys);
        s.items.push({
          kind: 'path',
          x: x0,
          y: y0,
          w: Math.max(1, Math.max(...xs) - x0),
          h: Math.max(1, Math.max(...ys) - y0),
          points: points.map((p) => {
            if ('close' in p) return p;
            if ('curve' in p)
              return {
                x: p.x - x0,
                y: p.y - y0,
                curve: {
                  x1: p.curve.x1 - x0,
                  y1: p.curve.y1 - y0,
                  x2: p.curve.x2 - x0,
                  y2: p.curve.y2 - y0,
                },
              };
            return { x: p.x - x0, y: p.y - y0, moveTo: p.moveTo };
          }),
          line,
          fill: fill?.hex,
          headEnd,
          headStart,
          group,
        });
      } else if (tag === 'text') {
        const r = child.getBoundingClientRect();
        const c = color(cs.fill);
        const t = child.textContent?.trim() ?? '';
        if (!t) continue;
        s.items.push({
          kind: 'shape',
          geometry: 'rect',
          ...box(s, r),
          text: {
            paragraphs: [
              {
                runs: [
                  {
                    text: t,
                    size: px(cs.fontSize) * scale,
                    color: c?.hex ?? '000000',
                    bold: Number(cs.fontWeight) >= 600 || undefined,
                  },
                ],
                align: cs.textAnchor === 'middle' ? 'center' : cs.textAnchor === 'end' ? 'right' : 'left',
                lineHeight: r.height,
                spaceBefore: 0,
              },
            ],
            inset: { l: 0, t: 0, r: 0, b: 0 },
          },
          group,
        });
      } else s.items.push(fallback(s, child, `svg ${tag}`, false, group));
    }
  };
  visit(svg);
};
