/**
 * Adds objects to a finished PDF as an incremental update (PDF 1.7 §7.5.6): the new objects, a cross-reference
 * section for them and a trailer are appended after the original bytes, which stay as they are. Reading and
 * rewriting the whole file (fonts, pages, structure tree) only to add a few dictionaries is what made export
 * slow; this reads only the trailer, the catalog and the page tree.
 *
 * It reads what Chromium (Skia) writes: a classic cross-reference table, dictionaries as plain text.
 */

/** A PDF object reference `n 0 R`. */
export type Ref = number;

/** What the original PDF holds that an update needs. */
export interface PdfReader {
  /** The catalog's object number. */
  root: Ref;
  /** The object number the next new object gets. */
  size: number;
  /** The pages' object numbers, in order. */
  pages: Ref[];
  /** The catalog dictionary's source text, `<< … >>`. */
  catalog: string;
}

const text = (pdf: Uint8Array) => Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');

const unexpected = (what: string) =>
  new Error(`the PDF from Chromium is not as expected (${what}); export again, or report it with the PDF`);

interface Parsed extends PdfReader {
  xrefAt: number;
  trailer: string;
  /** Where each object in use starts. */
  offsets: Map<Ref, number>;
  /** An object's dictionary (with its stream, for a stream object). */
  object: (n: Ref) => string;
}

function parse(source: string): Parsed {
  const start = source.lastIndexOf('startxref');
  const xrefAt = Number(/^startxref\s+(\d+)/.exec(source.slice(start))?.[1] ?? Number.NaN);
  if (start < 0 || !source.startsWith('xref', xrefAt)) throw unexpected('no cross-reference table');
  const trailerAt = source.indexOf('trailer', xrefAt);
  const trailer = source.slice(trailerAt + 'trailer'.length, start).trim();
  const offsets = new Map<number, number>();
  const table = source
    .slice(xrefAt + 4, trailerAt)
    .trim()
    .split(/\r?\n|\r/);
  for (let i = 0; i < table.length; ) {
    const [first, count] = table[i++]!.trim().split(/\s+/).map(Number) as [number, number];
    for (let k = 0; k < count; k++, i++) {
      const [offset, , kind] = table[i]!.trim().split(/\s+/);
      if (kind === 'n') offsets.set(first + k, Number(offset));
    }
  }
  const object = (n: Ref): string => {
    const at = offsets.get(n);
    if (at === undefined) throw unexpected(`object ${n} is missing`);
    const body = source.slice(source.indexOf('obj', at) + 3, source.indexOf('endobj', at)).trim();
    if (!body.startsWith('<<')) throw unexpected(`object ${n} is not a dictionary`);
    return body;
  };
  const ref = (dict: string, key: string): Ref | undefined => {
    const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };
  const root = ref(trailer, 'Root');
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  if (root === undefined || !Number.isInteger(size)) throw unexpected('no /Root or /Size in the trailer');
  const catalog = object(root);
  const pages: Ref[] = [];
  const walk = (node: Ref, depth: number) => {
    if (depth > 32) throw unexpected('page tree too deep');
    const dict = object(node);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
    if (!/\/Type\s*\/Pages\b/.test(dict) || !kids) {
      pages.push(node);
      return;
    }
    for (const m of kids[1]!.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(m[1]), depth + 1);
  };
  const tree = ref(catalog, 'Pages');
  if (tree === undefined) throw unexpected('no /Pages in the catalog');
  walk(tree, 0);
  return { root, size, pages, catalog, xrefAt, trailer, offsets, object };
}

/**
 * A PDF text string: ASCII as a literal `( … )`, anything else as UTF-16BE with its byte order mark, in hex
 * (any script, no escaping).
 */
export function pdfText(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, '\\$&')})`;
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

/** A PDF date (§7.9.4), in UTC. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `(D:${iso}Z)`;
}

/** Sets or replaces a key of a dictionary's source text; `undefined` removes it. */
export function withKey(dict: string, key: string, value: string | undefined): string {
  // A value is a name, a number, a reference, a string or a one-level dictionary: what a catalog holds here.
  const entry = new RegExp(
    `\\s*/${key}(?![A-Za-z])\\s*(<<(?:[^<>]|<(?!<)|>(?!>))*>>|\\d+\\s+\\d+\\s+R|/[^\\s/<>\\[\\]()]+|\\([^)]*\\)|<[^<>]*>|\\[[^\\]]*\\]|[\\d.+-]+|true|false)`,
  );
  const without = dict.replace(entry, '');
  if (value === undefined) return without;
  const close = without.lastIndexOf('>>');
  return `${without.slice(0, close).trimEnd()}\n/${key} ${value}>>`;
}

export interface PdfUpdate {
  /** Builds the new objects; `next()` hands out object numbers. Returns them by number, and the new catalog. */
  (pdf: PdfReader, next: () => Ref): { objects: Map<Ref, string>; catalog: string; info?: Ref };
}

/** Appends the update's objects, the replaced catalog, a cross-reference section and a trailer. */
export function updatePdf(pdf: Uint8Array, update: PdfUpdate): Uint8Array {
  const source = text(pdf);
  const parsed = parse(source);
  let size = parsed.size;
  const { objects, catalog, info } = update(parsed, () => size++);
  objects.set(parsed.root, catalog);
  let tail = source.endsWith('\n') ? '' : '\n';
  const offsets = new Map<Ref, number>();
  for (const [n, body] of [...objects].sort((a, b) => a[0] - b[0])) {
    offsets.set(n, pdf.byteLength + tail.length);
    tail += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = pdf.byteLength + tail.length;
  tail += 'xref\n';
  // One subsection per run of consecutive numbers; every entry is 20 bytes (§7.5.4).
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    tail += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) tail += `${String(offsets.get(numbers[k]!)).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  const id = /\/ID\s*(\[[^\]]*\])/.exec(parsed.trailer)?.[1];
  const oldInfo = /\/Info\s+(\d+)\s+0\s+R/.exec(parsed.trailer)?.[1];
  const infoRef = info ?? (oldInfo ? Number(oldInfo) : undefined);
  tail +=
    `trailer\n<</Size ${size}\n/Root ${parsed.root} 0 R` +
    `${infoRef !== undefined ? `\n/Info ${infoRef} 0 R` : ''}` +
    `${id ? `\n/ID ${id}` : ''}\n/Prev ${parsed.xrefAt}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const out = new Uint8Array(pdf.byteLength + tail.length);
  out.set(pdf, 0);
  out.set(Buffer.from(tail, 'latin1'), pdf.byteLength);
  return out;
}

/**
 * The PDF with some streams' data replaced (`edit` returns the new data, or undefined to keep a stream), written
 * whole: every other byte as it was, the cross-reference table moved to the new offsets. Only for streams whose
 * /Length is written in their dictionary, as Skia writes them.
 */
export function replaceStreams(
  pdf: Uint8Array,
  pick: (doc: PdfReader & { object: (n: Ref) => string }) => Ref[],
  edit: (data: Buffer) => Buffer | undefined,
): Uint8Array {
  const source = text(pdf);
  const doc = parse(source);
  const edits: { at: number; end: number; dict: [number, number, string]; data: Buffer }[] = [];
  for (const n of new Set(pick(doc))) {
    const at = doc.offsets.get(n);
    if (at === undefined) continue;
    const open = source.indexOf('<<', at);
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(source.slice(open, source.indexOf('stream', open)));
    if (!length) continue;
    let start = source.indexOf('stream', open) + 'stream'.length;
    start += source.startsWith('\r\n', start) ? 2 : source[start] === '\n' ? 1 : 0;
    const end = start + Number(length[1]);
    if (!/^\s*endstream/.test(source.slice(end, end + 16)))
      throw unexpected(`stream ${n} is not its /Length long`);
    const data = edit(Buffer.from(pdf.buffer, pdf.byteOffset + start, end - start));
    if (!data) continue;
    const lengthAt = open + length.index;
    edits.push({
      at: start,
      end,
      dict: [lengthAt, lengthAt + length[0].length, `/Length ${data.length}`],
      data,
    });
  }
  if (edits.length === 0) return pdf;
  // Pieces of the old bytes and their replacements, in order, up to the old cross-reference table.
  const cuts = edits
    .flatMap((e) => [
      { at: e.dict[0], end: e.dict[1], bytes: Buffer.from(e.dict[2], 'latin1') },
      { at: e.at, end: e.end, bytes: e.data },
    ])
    .sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  const moved = (offset: number) => {
    let shift = 0;
    for (const c of cuts) if (c.end <= offset) shift += c.bytes.length - (c.end - c.at);
    return offset + shift;
  };
  let from = 0;
  for (const c of cuts) {
    parts.push(Buffer.from(pdf.buffer, pdf.byteOffset + from, c.at - from), c.bytes);
    from = c.end;
  }
  parts.push(Buffer.from(pdf.buffer, pdf.byteOffset + from, doc.xrefAt - from));
  const body = Buffer.concat(parts);
  // The table again, each entry in use at its object's new offset.
  const trailerAt = source.indexOf('trailer', doc.xrefAt);
  const table = source
    .slice(doc.xrefAt, trailerAt)
    .replace(
      /^(\d{10}) (\d{5}) n/gm,
      (_, offset: string, gen) => `${String(moved(Number(offset))).padStart(10, '0')} ${gen} n`,
    );
  const tail = `${table}trailer\n${doc.trailer}\nstartxref\n${body.length}\n%%EOF\n`;
  return Buffer.concat([body, Buffer.from(tail, 'latin1')]);
}
