import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import JSZip from 'jszip';

/**
 * A PPTX read back as a reader sees it: the zip opened with JSZip and its parts parsed as XML (xmldom), never
 * through the writer's own objects.
 */
export interface PptxPackage {
  zip: JSZip;
  /** Parsed XML of a part, by its path in the zip. */
  xml(path: string): Promise<XmlElement>;
  /** `ppt/slides/slideN.xml`, in presentation order. */
  slides: string[];
  /** The targets a part's relationships point at, resolved to zip paths, by relationship type suffix. */
  rels(path: string): Promise<{ type: string; target: string }[]>;
}

export const EMU = { w: 12192000, h: 6858000 } as const;

export function all(el: XmlElement, name: string): XmlElement[] {
  return Array.from(el.getElementsByTagName(name)) as XmlElement[];
}

export function text(el: XmlElement): string {
  return all(el, 'a:t')
    .map((t) => t.textContent ?? '')
    .join('');
}

function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export async function readPptx(bytes: Uint8Array): Promise<PptxPackage> {
  const zip = await JSZip.loadAsync(bytes);
  const parse = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`no part ${path} in the package`);
    return new DOMParser().parseFromString(await file.async('string'), 'application/xml')
      .documentElement as unknown as XmlElement;
  };
  const rels = async (path: string) => {
    const relsPath = path.replace(/([^/]+)$/, '_rels/$1.rels');
    if (!zip.file(relsPath)) return [];
    return all(await parse(relsPath), 'Relationship').map((r) => ({
      type: (r.getAttribute('Type') ?? '').split('/').pop() ?? '',
      target: resolve(path, r.getAttribute('Target') ?? ''),
    }));
  };
  // Slide order is presentation.xml's sldIdLst, through its relationships.
  const pres = await parse('ppt/presentation.xml');
  const presRels = new Map(
    all(await parse('ppt/_rels/presentation.xml.rels'), 'Relationship').map((r) => [
      r.getAttribute('Id'),
      resolve('ppt/presentation.xml', r.getAttribute('Target') ?? ''),
    ]),
  );
  const slides = all(pres, 'p:sldId').map((s) => presRels.get(s.getAttribute('r:id')) ?? '');
  return { zip, xml: parse, slides, rels };
}

/** The offset and size of a shape, picture or frame (EMU). */
export function frame(el: XmlElement): { x: number; y: number; cx: number; cy: number } {
  const off = all(el, 'a:off')[0];
  const ext = all(el, 'a:ext')[0];
  return {
    x: Number(off?.getAttribute('x')),
    y: Number(off?.getAttribute('y')),
    cx: Number(ext?.getAttribute('cx')),
    cy: Number(ext?.getAttribute('cy')),
  };
}

/** A chart part's series: name, categories and values, from its caches. */
export function chartSeries(chart: XmlElement): { name: string; categories: string[]; values: number[] }[] {
  return all(chart, 'c:ser').map((ser) => {
    const cache = (tag: string) => {
      const el = all(ser, tag)[0];
      return el ? all(el, 'c:pt').map((pt) => all(pt, 'c:v')[0]?.textContent ?? '') : [];
    };
    return {
      name: all(all(ser, 'c:tx')[0] ?? ser, 'c:v')[0]?.textContent ?? '',
      categories: cache('c:cat'),
      values: cache('c:val').map(Number),
    };
  });
}
