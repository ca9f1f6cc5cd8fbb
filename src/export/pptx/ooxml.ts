import render from 'dom-serializer';
import type { ChildNode, Document, Element, ParentNode } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
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

export interface FinishOptions {
  lang: 'hans' | 'hant';
  keywords?: string;
  /** Gradient backgrounds by slide number (1-based). */
  gradients?: Map<number, Gradient>;
  /** The PNG fallback (`data:` URL) of each SVG picture by `slide number:object name`. */
  svgFallbacks?: Map<string, string>;
}

/**
 * PptxGenJS's parts, parsed as XML (htmlparser2 in its XML mode: the fastest parser at hand, and a part that is
 * not changed is written back byte for byte). Names are qualified names as PptxGenJS writes them (`a:p`);
 * text and attribute values stay as written (entities not decoded, so never re-encoded differently).
 */
const parse = (xml: string): Document => parseDocument(xml, { xmlMode: true, decodeEntities: false });
const serialize = (doc: Document): string =>
  render(doc, { xmlMode: true, decodeEntities: false, selfClosingTags: true });

const isElement = (n: ChildNode): n is Element => DomUtils.isTag(n);
/** Element children of `el`. */
const childElements = (el: ParentNode): Element[] => el.children.filter(isElement);
const first = (el: ParentNode, name: string): Element | null =>
  DomUtils.findOne((e) => e.name === name, el.children, true);
const all = (el: ParentNode, name: string): Element[] =>
  DomUtils.findAll((e) => e.name === name, el.children);

/** An element from its markup. */
function fragment(xml: string): Element {
  return childElements(parse(xml))[0]!;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

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
  const off = first(el, 'a:off');
  const ext = first(el, 'a:ext');
  const n = (e: Element | null, name: string) => Number(e?.attribs[name] ?? Number.NaN);
  const b = { x: n(off, 'x'), y: n(off, 'y'), cx: n(ext, 'cx'), cy: n(ext, 'cy') };
  return Object.values(b).every(Number.isFinite) ? b : null;
}

/** The group an object's name puts it in (`grp3/Text 12` → "3"), if any. */
function groupOf(el: Element): string | undefined {
  const nv = childElements(el)[0];
  const name = nv ? first(nv, 'p:cNvPr')?.attribs.name : undefined;
  return /^grp(\d+)\//.exec(name ?? '')?.[1];
}

/**
 * Wraps each run of consecutive objects named `grpN/…` in one `p:grpSp` (PptxGenJS has no groups): a diagram
 * moves with one drag. The group's child frame equals its frame, so nothing moves or scales.
 */
export function groupShapes(doc: Document): number {
  const tree = first(doc, 'p:spTree');
  if (!tree) return 0;
  let groups = 0;
  const objects = childElements(tree);
  for (let i = 0; i < objects.length; ) {
    const group = OBJECT.test(objects[i]!.name) ? groupOf(objects[i]!) : undefined;
    let j = i + 1;
    if (group !== undefined)
      while (j < objects.length && OBJECT.test(objects[j]!.name) && groupOf(objects[j]!) === group) j++;
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
      `<p:grpSp><p:nvGrpSpPr><p:cNvPr id="${5000 + groups}" name="Group ${group}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
        `<p:grpSpPr><a:xfrm><a:off x="${x}" y="${y}"/><a:ext cx="${cx}" cy="${cy}"/>` +
        `<a:chOff x="${x}" y="${y}"/><a:chExt cx="${cx}" cy="${cy}"/></a:xfrm></p:grpSpPr></p:grpSp>`,
    );
    DomUtils.prepend(members[0]!, wrapper);
    for (const m of members) DomUtils.appendChild(wrapper, m);
  }
  return groups;
}

/** PptxGenJS writes an `a:pPr` before every run of a paragraph; the schema allows one, first. Keeps the first. */
export function singleParagraphProps(doc: Document): void {
  for (const p of all(doc, 'a:p')) {
    const props = childElements(p).filter((c) => c.name === 'a:pPr');
    if (props.length === 0) continue;
    for (const extra of props.slice(1)) DomUtils.removeElement(extra);
    if (p.children[0] !== props[0]) DomUtils.prependChild(p, props[0]!);
  }
}

/** The theme's East Asian fonts: the Windows fallback, per script. */
export function themeFonts(doc: Document, lang: FinishOptions['lang']): void {
  for (const ea of all(doc, 'a:ea')) {
    ea.attribs.typeface = FALLBACK_FONTS[lang];
    ea.attribs.charset = CHARSET[lang];
  }
  for (const font of all(doc, 'a:font')) {
    if (font.attribs.script === 'Hans') font.attribs.typeface = FALLBACK_FONTS.hans;
    if (font.attribs.script === 'Hant') font.attribs.typeface = FALLBACK_FONTS.hant;
  }
}

/** The slide's background as a gradient fill (PptxGenJS writes a solid placeholder). */
function gradientBackground(doc: Document, gradient: Gradient): void {
  const bg = first(doc, 'p:bg');
  if (!bg) return;
  for (const c of [...bg.children]) DomUtils.removeElement(c);
  DomUtils.appendChild(bg, fragment(`<p:bgPr>${gradientFill(gradient)}<a:effectLst/></p:bgPr>`));
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
    all(parse(relsXml), 'Relationship').map((r) => [r.attribs.Id ?? '', r.attribs.Target ?? '']),
  );
  for (const pic of all(doc, 'p:pic')) {
    const name = first(pic, 'p:cNvPr')?.attribs.name ?? '';
    const png = pngs.get(`${slide}:${name}`);
    const blip = first(pic, 'a:blip');
    if (!png || !blip || !first(blip, 'asvg:svgBlip')) continue;
    const target = targets.get(blip.attribs['r:embed'] ?? '');
    if (!target) continue;
    const path = new URL(target, `file:///ppt/slides/slide${slide}.xml`).pathname.slice(1);
    zip.file(path, png.slice(png.indexOf(',') + 1), { base64: true });
  }
}

/** The document's keywords property, added when PptxGenJS wrote none. */
function keywords(doc: Document, words: string): void {
  const made = fragment(`<cp:keywords>${escapeXml(words)}</cp:keywords>`);
  const el = first(doc, 'cp:keywords');
  if (el) DomUtils.replaceElement(el, made);
  else {
    const root = first(doc, 'cp:coreProperties');
    if (root) DomUtils.appendChild(root, made);
  }
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
      const doc = parse(await zip.file(path)!.async('string'));
      singleParagraphProps(doc);
      groups += groupShapes(doc);
      const gradient = options.gradients?.get(n);
      if (gradient) gradientBackground(doc, gradient);
      if (options.lang === 'hant')
        for (const ea of all(doc, 'a:ea'))
          if (ea.attribs.charset === CHARSET.hans) ea.attribs.charset = CHARSET.hant;
      if (options.svgFallbacks?.size) await svgFallbacks(zip, n, doc, options.svgFallbacks);
      zip.file(path, serialize(doc));
    } else if (/^ppt\/theme\/theme\d+\.xml$/.test(path)) {
      const doc = parse(await zip.file(path)!.async('string'));
      themeFonts(doc, options.lang);
      zip.file(path, serialize(doc));
    } else if (path === 'docProps/core.xml' && options.keywords) {
      const doc = parse(await zip.file(path)!.async('string'));
      keywords(doc, options.keywords);
      zip.file(path, serialize(doc));
    }
  }
  return groups;
}
