import { DOMParser, type Document, type Element, XMLSerializer } from '@xmldom/xmldom';
import type JSZip from 'jszip';
import type { Gradient } from './scene.ts';

/**
 * Fonts that ship with Windows (and so with every PowerPoint and WPS there) for when the deck's own typeface
 * is not installed: 微软雅黑 for 简体, 微軟正黑體 for 繁體. They go into the theme's East Asian fonts, and each
 * run's `a:ea` carries the charset (GB2312 / Big5) by which PowerPoint and WPS pick a substitute.
 */
export const FALLBACK_FONTS = { hans: 'Microsoft YaHei', hant: 'Microsoft JhengHei' } as const;

/** The OOXML charset byte of each script (signed, as PowerPoint writes it): GB2312 134, Big5 136. */
const CHARSET = { hans: '-122', hant: '-120' } as const;

/** The namespaces the pass reads and writes. */
export const NS = {
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  cp: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  asvg: 'http://schemas.microsoft.com/office/drawing/2016/SVG/main',
} as const;

export interface FinishOptions {
  lang: 'hans' | 'hant';
  keywords?: string;
  /** Gradient backgrounds by slide number (1-based). */
  gradients?: Map<number, Gradient>;
  /** The PNG fallback (`data:` URL) of each SVG picture by `slide number:object name`. */
  svgFallbacks?: Map<string, string>;
}

// PptxGenJS's parts are well-formed XML: a parse error is a bug to hear about, not a part to pass through.
const parse = (xml: string, part: string): Document =>
  new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`${part}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
const serialize = (doc: Document): string => new XMLSerializer().serializeToString(doc);

/** Element children of `el` (xmldom's `children` is not there on every node). */
const childElements = (el: Element): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
};
const first = (el: Element | Document, ns: string, name: string): Element | null =>
  el.getElementsByTagNameNS(ns, name)[0] ?? null;
const all = (el: Element | Document, ns: string, name: string): Element[] => [
  ...el.getElementsByTagNameNS(ns, name),
];

/** A DrawingML element from its markup, in `doc`'s namespaces. */
function fragment(doc: Document, xml: string): Element {
  const wrapped = parse(`<w xmlns:a="${NS.a}" xmlns:p="${NS.p}">${xml}</w>`, 'fragment');
  return doc.importNode(childElements(wrapped.documentElement!)[0]!, true) as Element;
}

/** A CSS linear gradient as a DrawingML gradient fill (CSS 90deg, to the right, is DrawingML's 0). */
export function gradientFill(g: Gradient): string {
  const ang = Math.round((((g.angle - 90) % 360) + 360) % 360) * 60000;
  const stops = g.stops
    .map((s) => `<a:gs pos="${Math.round(s.at * 100000)}"><a:srgbClr val="${s.color}"/></a:gs>`)
    .join('');
  return `<a:gradFill rotWithShape="1"><a:gsLst>${stops}</a:gsLst><a:lin ang="${ang}" scaled="0"/></a:gradFill>`;
}

/** The top-level objects of a slide's shape tree that can join a group. */
const OBJECT = /^p:(sp|pic|graphicFrame|cxnSp)$/;

function bounds(el: Element): { x: number; y: number; cx: number; cy: number } | null {
  const off = first(el, NS.a, 'off');
  const ext = first(el, NS.a, 'ext');
  const n = (e: Element | null, name: string) => Number(e?.getAttribute(name) ?? Number.NaN);
  const b = { x: n(off, 'x'), y: n(off, 'y'), cx: n(ext, 'cx'), cy: n(ext, 'cy') };
  return Object.values(b).every(Number.isFinite) ? b : null;
}

/** The group an object's name puts it in (`grp3/Text 12` → "3"), if any. */
function groupOf(el: Element): string | undefined {
  const nv = childElements(el)[0];
  const name = nv ? first(nv, NS.p, 'cNvPr')?.getAttribute('name') : undefined;
  return /^grp(\d+)\//.exec(name ?? '')?.[1];
}

/**
 * Wraps each run of consecutive objects named `grpN/…` in one `p:grpSp` (PptxGenJS has no groups): a diagram
 * moves with one drag. The group's child frame equals its frame, so nothing moves or scales.
 */
export function groupShapes(doc: Document): number {
  const tree = first(doc, NS.p, 'spTree');
  if (!tree) return 0;
  let groups = 0;
  const objects = childElements(tree);
  for (let i = 0; i < objects.length; ) {
    const group = OBJECT.test(objects[i]!.nodeName) ? groupOf(objects[i]!) : undefined;
    let j = i + 1;
    if (group !== undefined)
      while (j < objects.length && OBJECT.test(objects[j]!.nodeName) && groupOf(objects[j]!) === group) j++;
    const members = objects.slice(i, j);
    const boxes = members.map(bounds);
    i = j;
    if (group === undefined || members.length < 2 || boxes.some((b) => !b)) continue;
    const x = Math.min(...boxes.map((b) => b!.x));
    const y = Math.min(...boxes.map((b) => b!.y));
    const cx = Math.max(...boxes.map((b) => b!.x + b!.cx)) - x;
    const cy = Math.max(...boxes.map((b) => b!.y + b!.cy)) - y;
    groups++;
    const wrapper = fragment(
      doc,
      `<p:grpSp><p:nvGrpSpPr><p:cNvPr id="${5000 + groups}" name="Group ${group}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
        `<p:grpSpPr><a:xfrm><a:off x="${x}" y="${y}"/><a:ext cx="${cx}" cy="${cy}"/>` +
        `<a:chOff x="${x}" y="${y}"/><a:chExt cx="${cx}" cy="${cy}"/></a:xfrm></p:grpSpPr></p:grpSp>`,
    );
    tree.insertBefore(wrapper, members[0]!);
    for (const m of members) wrapper.appendChild(m);
  }
  return groups;
}

/** PptxGenJS writes an `a:pPr` before every run of a paragraph; the schema allows one, first. Keeps the first. */
export function singleParagraphProps(doc: Document): void {
  for (const p of all(doc, NS.a, 'p')) {
    const props = childElements(p).filter((c) => c.localName === 'pPr' && c.namespaceURI === NS.a);
    if (props.length === 0) continue;
    for (const extra of props.slice(1)) p.removeChild(extra);
    if (p.firstChild !== props[0]) p.insertBefore(props[0]!, p.firstChild);
  }
}

/** The theme's East Asian fonts: the Windows fallback, per script. */
export function themeFonts(doc: Document, lang: FinishOptions['lang']): void {
  for (const ea of all(doc, NS.a, 'ea')) {
    ea.setAttribute('typeface', FALLBACK_FONTS[lang]);
    ea.setAttribute('charset', CHARSET[lang]);
  }
  for (const font of all(doc, NS.a, 'font')) {
    const script = font.getAttribute('script');
    if (script === 'Hans') font.setAttribute('typeface', FALLBACK_FONTS.hans);
    if (script === 'Hant') font.setAttribute('typeface', FALLBACK_FONTS.hant);
  }
}

/** The slide's background as a gradient fill (PptxGenJS writes a solid placeholder). */
function gradientBackground(doc: Document, gradient: Gradient): void {
  const bg = first(doc, NS.p, 'bg');
  if (!bg) return;
  while (bg.firstChild) bg.removeChild(bg.firstChild);
  bg.appendChild(fragment(doc, `<p:bgPr>${gradientFill(gradient)}<a:effectLst/></p:bgPr>`));
}

/**
 * Each SVG picture's PNG fallback, as PowerPoint stores an SVG (`a:blip` → PNG, its `asvg:svgBlip` → SVG):
 * PptxGenJS in Node leaves a broken-image placeholder there.
 */
async function svgFallbacks(
  zip: JSZip,
  slide: number,
  doc: Document,
  pngs: Map<string, string>,
): Promise<void> {
  const relsPath = `ppt/slides/_rels/slide${slide}.xml.rels`;
  const relsXml = await zip.file(relsPath)?.async('string');
  if (!relsXml) return;
  const targets = new Map(
    all(parse(relsXml, relsPath), NS.rel, 'Relationship').map((r) => [
      r.getAttribute('Id') ?? '',
      r.getAttribute('Target') ?? '',
    ]),
  );
  for (const pic of all(doc, NS.p, 'pic')) {
    const name = first(pic, NS.p, 'cNvPr')?.getAttribute('name') ?? '';
    const png = pngs.get(`${slide}:${name}`);
    const blip = first(pic, NS.a, 'blip');
    if (!png || !blip || !first(blip, NS.asvg, 'svgBlip')) continue;
    const target = targets.get(blip.getAttributeNS(NS.r, 'embed') ?? '');
    if (!target) continue;
    const path = new URL(target, `file:///ppt/slides/slide${slide}.xml`).pathname.slice(1);
    zip.file(path, png.slice(png.indexOf(',') + 1), { base64: true });
  }
}

/** The document's keywords property, added when PptxGenJS wrote none. */
function keywords(doc: Document, words: string): void {
  const root = doc.documentElement!;
  let el = first(doc, NS.cp, 'keywords');
  if (!el) {
    el = doc.createElementNS(NS.cp, 'cp:keywords');
    root.appendChild(el);
  }
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(doc.createTextNode(words));
}

/**
 * What PptxGenJS cannot write, done on its zip through an XML parser: groups, one paragraph property each,
 * gradient backgrounds, SVG pictures' PNG fallbacks, the theme's fallback fonts, each run's East Asian charset
 * for 繁體, and the keywords property. Returns how many groups it made.
 */
export async function finishPackage(zip: JSZip, options: FinishOptions): Promise<number> {
  let groups = 0;
  for (const path of Object.keys(zip.files)) {
    const slide = /^ppt\/slides\/slide(\d+)\.xml$/.exec(path);
    if (slide) {
      const n = Number(slide[1]);
      const doc = parse(await zip.file(path)!.async('string'), path);
      singleParagraphProps(doc);
      groups += groupShapes(doc);
      const gradient = options.gradients?.get(n);
      if (gradient) gradientBackground(doc, gradient);
      if (options.lang === 'hant')
        for (const ea of all(doc, NS.a, 'ea'))
          if (ea.getAttribute('charset') === CHARSET.hans) ea.setAttribute('charset', CHARSET.hant);
      if (options.svgFallbacks?.size) await svgFallbacks(zip, n, doc, options.svgFallbacks);
      zip.file(path, serialize(doc));
    } else if (/^ppt\/theme\/theme\d+\.xml$/.test(path)) {
      const doc = parse(await zip.file(path)!.async('string'), path);
      themeFonts(doc, options.lang);
      zip.file(path, serialize(doc));
    } else if (path === 'docProps/core.xml' && options.keywords) {
      const doc = parse(await zip.file(path)!.async('string'), path);
      keywords(doc, options.keywords);
      zip.file(path, serialize(doc));
    }
  }
  return groups;
}
