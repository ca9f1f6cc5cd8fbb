import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { joinArcs, joinPdfArcs } from '../../src/export/pdf-arcs.ts';

/**
 * A quarter of the circle (cx, cy, r) from angle a (degrees), cut in `pieces` cubics, written as Skia writes
 * a rounded corner: one `x1 y1 x2 y2 x3 y3 c` line each.
 */
function corner(cx: number, cy: number, r: number, a: number, pieces: number): string[] {
  const step = (Math.PI / 2 / pieces) * Math.sign(pieces);
  const k = (4 / 3) * Math.tan(step / 4);
  const lines: string[] = [];
  for (let i = 0; i < Math.abs(pieces); i++) {
    const t0 = (a * Math.PI) / 180 + i * step;
    const t1 = t0 + step;
    const p0 = [cx + r * Math.cos(t0), cy + r * Math.sin(t0)];
    const p3 = [cx + r * Math.cos(t1), cy + r * Math.sin(t1)];
    const c1 = [p0[0]! - k * r * Math.sin(t0), p0[1]! + k * r * Math.cos(t0)];
    const c2 = [p3[0]! + k * r * Math.sin(t1), p3[1]! - k * r * Math.cos(t1)];
    lines.push(`${[...c1, ...c2, ...p3].map((x) => Number(x.toFixed(6))).join(' ')} c`);
  }
  return lines;
}

/** A 800×200 box at (100, 100) with corners of radius r, each cut in `pieces`. */
function roundedBox(r: number, pieces: number): string[] {
  return [
    `100 ${100 + r} m`,
    ...corner(100 + r, 100 + r, r, 180, pieces),
    `${900 - r} 100 l`,
    ...corner(900 - r, 100 + r, r, 270, pieces),
    `900 ${300 - r} l`,
    ...corner(900 - r, 300 - r, r, 0, pieces),
    `${100 + r} 300 l`,
    ...corner(100 + r, 300 - r, r, 90, pieces),
    'h',
    'f',
  ];
}

const curves = (content: string) => content.split('\n').filter((l) => l.endsWith(' c'));

describe('joinArcs', () => {
  it('writes a rounded box Skia cut in 8 curves a corner with one a corner, on the same circle', () => {
    const joined = joinArcs(roundedBox(9, 8).join('\n'));
    expect(curves(joined)).toHaveLength(4);
    // The first corner: from (100, 109) to (109, 100), its handles 0.5523 r along the tangents.
    expect(curves(joined)[0]).toBe('100 104.0294 104.0294 100 109 100 c');
    expect(joined.split('\n').filter((l) => !l.endsWith(' c'))).toEqual(
      roundedBox(9, 8).filter((l) => !l.endsWith(' c')),
    );
  });

  it('joins a turn of at most 90°: half a circle in 16 curves stays two curves', () => {
    const half = ['0 10 m', ...corner(10, 10, 10, 180, 8), ...corner(10, 10, 10, 270, 8)].join('\n');
    expect(curves(joinArcs(half))).toHaveLength(2);
  });

  it('keeps curves that are not one arc as they were: an S, a corner between two arcs, a curve after text', () => {
    const s = ['0 0 m', '10 0 10 10 20 10 c', '30 10 30 20 40 20 c', 'f'].join('\n');
    expect(joinArcs(s)).toBe(s);
    // Two quarter circles meeting at a kink: heading right at (10, 0), then down.
    const kink = ['0 10 m', ...corner(10, 10, 10, 180, 4), ...corner(20, 0, 10, 180, 4), 'f'].join('\n');
    expect(curves(joinArcs(kink))).toHaveLength(2);
    // No current point known (after text): the first curve is kept as written; the rest start at its end.
    const arc = corner(10, 10, 10, 180, 8);
    const after = curves(joinArcs(['BT', '<01EA> Tj', 'ET', ...arc].join('\n')));
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(arc[0]);
  });

  it('leaves a flat run alone (no turn to fit)', () => {
    const flat = ['0 0 m', '1 0 2 0 3 0 c', '4 0 5 0 6 0 c'].join('\n');
    expect(joinArcs(flat)).toBe(flat);
  });
});

describe('joinPdfArcs', () => {
  it('rewrites the pages’ drawing and the cross-reference table: a reader opens the smaller file, text kept', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    for (let i = 0; i < 3; i++) doc.addPage([1440, 810]).drawText(`page ${i + 1}`);
    // The first page draws a rounded box, its operators as Skia writes them, compressed.
    const box = roundedBox(12, 16).join('\n');
    doc.getPage(0).node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(box)));
    const printed = await doc.save({ useObjectStreams: false });

    const joined = joinPdfArcs(printed);
    expect(joined.length).toBeLessThan(printed.length);
    const read = await PDFDocument.load(joined, { updateMetadata: false });
    expect(read.getPageCount()).toBe(3);
    const contents = read.context.lookup(read.getPage(0).node.get(PDFName.of('Contents'))) as PDFRawStream;
    const drawn = inflateSync(contents.contents).toString('latin1');
    expect(curves(drawn)).toHaveLength(4);
    expect(drawn.split('\n').filter((l) => !l.endsWith(' c'))).toEqual(
      box.split('\n').filter((l) => !l.endsWith(' c')),
    );
    // The other pages' streams are byte for byte what they were.
    const before = await PDFDocument.load(printed, { updateMetadata: false });
    const bytes = (doc: PDFDocument, i: number) => {
      const contents = doc.context.lookup(doc.getPage(i).node.get(PDFName.of('Contents')));
      const refs =
        contents instanceof PDFArray ? contents.asArray() : [doc.getPage(i).node.get(PDFName.of('Contents'))];
      return Buffer.concat(refs.map((r) => (doc.context.lookup(r) as PDFRawStream).contents));
    };
    for (const i of [1, 2]) expect(bytes(read, i).equals(bytes(before, i))).toBe(true);
  });

  it('returns a PDF with nothing to join as it was', async () => {
    const source = await PDFDocument.create({ updateMetadata: false });
    source.addPage([1440, 810]).drawText('text only');
    const original = await source.save({ useObjectStreams: false });
    expect(joinPdfArcs(original)).toBe(original);
  });
});
