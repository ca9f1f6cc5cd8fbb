import { deflateSync, inflateSync } from 'node:zlib';
import { replaceStreams } from './pdf-update.ts';

/**
 * Chromium (Skia) prints a rounded corner as 8 to 16 cubic Béziers (its conics cut into quadratics, each written
 * as a cubic), so the deck's rounded boxes were two thirds of every page's drawing. This joins each run of
 * curves that is one smooth turn of at most 90° into the single cubic an arc needs, and keeps it only when
 * every original point lies within TOLERANCE of it: the page looks the same, drawn with far fewer numbers.
 *
 * It reads a content stream as Skia writes it: one operator a line, a path's points as plain numbers.
 */

type Point = [number, number];

/** How far (in the stream's units, a CSS pixel of the slide) the joined curve may stray from the original. */
const TOLERANCE = 0.05;
const NUM = String.raw`(-?(?:\d+\.?\d*|\.\d+))`;
const MOVE_OR_LINE = new RegExp(`^${NUM} ${NUM} [ml]$`);
const CURVE = new RegExp(`^${NUM} ${NUM} ${NUM} ${NUM} ${NUM} ${NUM} c$`);

interface Curve {
  c1: Point;
  c2: Point;
  to: Point;
}

const sub = (a: Point, b: Point): Point => [a[0] - b[0], a[1] - b[1]];
const len = (a: Point) => Math.hypot(a[0], a[1]);
const at = (from: Point, c: Curve, t: number): Point => {
  const u = 1 - t;
  const [a, b, d, e] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return [
    a * from[0] + b * c.c1[0] + d * c.c2[0] + e * c.to[0],
    a * from[1] + b * c.c1[1] + d * c.c2[1] + e * c.to[1],
  ];
};

/** Distance from p to the segment ab. */
function toSegment(p: Point, a: Point, b: Point): number {
  const ab = sub(b, a);
  const l2 = ab[0] * ab[0] + ab[1] * ab[1];
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / l2));
  return len(sub(p, [a[0] + t * ab[0], a[1] + t * ab[1]]));
}

/** The one cubic for the curves from `from`, when they are one turn of at most 90° it follows closely. */
function joined(from: Point, curves: Curve[]): Curve | undefined {
  const first = curves[0]!;
  const last = curves[curves.length - 1]!;
  const before = curves.length > 1 ? curves[curves.length - 2]!.to : from;
  const start = [first.c1, first.c2, first.to].map((p) => sub(p, from)).find((v) => len(v) > 1e-6);
  const end = [last.c2, last.c1, before].map((p) => sub(last.to, p)).find((v) => len(v) > 1e-6);
  if (!start || !end) return undefined;
  const cross = start[0] * end[1] - start[1] * end[0];
  const cos = (start[0] * end[0] + start[1] * end[1]) / (len(start) * len(end));
  const angle = Math.acos(Math.max(-1, Math.min(1, cos)));
  if (angle < 0.01 || angle > Math.PI / 2 + 0.01) return undefined;
  // Where the two tangents meet: from + s·start = to − u·end.
  const d = sub(last.to, from);
  const s = (d[0] * end[1] - d[1] * end[0]) / cross;
  const u = (start[0] * d[1] - start[1] * d[0]) / cross;
  if (!(s > 0 && u > 0)) return undefined;
  // A circular arc of this angle has its handles this share of the way to the corner (0.5523 at 90°).
  const k = ((4 / 3) * Math.tan(angle / 4)) / Math.tan(angle / 2);
  const candidate: Curve = {
    c1: [from[0] + k * s * start[0], from[1] + k * s * start[1]],
    c2: [last.to[0] - k * u * end[0], last.to[1] - k * u * end[1]],
    to: last.to,
  };
  const line: Point[] = [];
  for (let i = 0; i <= 64; i++) line.push(at(from, candidate, i / 64));
  let p0 = from;
  for (const c of curves) {
    for (const t of [0.25, 0.5, 0.75, 1]) {
      const p = at(p0, c, t);
      let near = Number.POSITIVE_INFINITY;
      for (let i = 1; i < line.length && near > TOLERANCE; i++)
        near = Math.min(near, toSegment(p, line[i - 1]!, line[i]!));
      if (near > TOLERANCE) return undefined;
    }
    p0 = c.to;
  }
  return candidate;
}

const num = (x: number) => String(Number(x.toFixed(4)) || 0);
const write = (c: Curve) => `${[...c.c1, ...c.c2, ...c.to].map(num).join(' ')} c`;

/** The content stream with every run of curves that makes one arc written as one curve. */
export function joinArcs(content: string): string {
  const lines = content.split('\n');
  const out: string[] = [];
  let point: Point | undefined;
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const curve = CURVE.exec(line);
    if (!curve || !point) {
      const move = MOVE_OR_LINE.exec(line);
      point = move
        ? [Number(move[1]), Number(move[2])]
        : curve
          ? [Number(curve[5]), Number(curve[6])]
          : undefined;
      out.push(line);
      i++;
      continue;
    }
    // The run of curves from here.
    const run: Curve[] = [];
    for (let m: RegExpExecArray | null = curve; m; m = CURVE.exec(lines[i + run.length] ?? '')) {
      const n = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      run.push({ c1: [n[0], n[1]], c2: [n[2], n[3]], to: [n[4], n[5]] });
    }
    for (let a = 0; a < run.length; ) {
      let best = a;
      let curveOf: Curve | undefined;
      for (let b = a + 1; b < run.length; b++) {
        const j = joined(point, run.slice(a, b + 1));
        if (!j) break;
        best = b;
        curveOf = j;
      }
      if (curveOf) out.push(write(curveOf));
      else out.push(lines[i + a]!);
      point = run[best]!.to;
      a = best + 1;
    }
    i += run.length;
  }
  return out.join('\n');
}

/** The printed PDF with its pages' arcs joined (joinArcs), each page's drawing compressed again. */
export function joinPdfArcs(pdf: Uint8Array): Uint8Array {
  return replaceStreams(
    pdf,
    (doc) =>
      doc.pages.flatMap((page) => {
        const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)/.exec(doc.object(page))?.[1] ?? '';
        return [...contents.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
      }),
    (data) => {
      let content: string;
      try {
        content = inflateSync(data).toString('latin1');
      } catch {
        return undefined; // not Flate: left as it is
      }
      const joined = joinArcs(content);
      return joined.length < content.length
        ? deflateSync(Buffer.from(joined, 'latin1'), { level: 9 })
        : undefined;
    },
  );
}
