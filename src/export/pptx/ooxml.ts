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
}

/** A CSS linear gradient as a DrawingML gradient fill (CSS 90deg, to the right, is DrawingML's 0). */
export function gradientFill(g: Gradient): string {
  const ang = Math.round((((g.angle - 90) % 360) + 360) % 360) * 60000;
  const stops = g.stops
    .map((s) => `<a:gs pos="${Math.round(s.at * 100000)}"><a:srgbClr val="${s.color}"/></a:gs>`)
    .join('');
  return `<a:gradFill rotWithShape="1"><a:gsLst>${stops}</a:gsLst><a:lin ang="${ang}" scaled="0"/></a:gradFill>`;
}

/** The top-level objects of a slide's shape tree, as PptxGenJS writes them (never nested). */
const OBJECT = /<p:(sp|pic|graphicFrame|cxnSp)>[\s\S]*?<\/p:\1>/g;

function bounds(xml: string): { x: number; y: number; cx: number; cy: number } | null {
  const off = /<a:off x="(-?\d+)" y="(-?\d+)"\s*\/>/.exec(xml);
  const ext = /<a:ext cx="(\d+)" cy="(\d+)"\s*\/>/.exec(xml);
  if (!off || !ext) return null;
  return { x: Number(off[1]), y: Number(off[2]), cx: Number(ext[1]), cy: Number(ext[2]) };
}

/**
 * Wraps each run of consecutive objects named `grpN/…` in one `p:grpSp` (PptxGenJS has no groups): a diagram
 * moves with one drag. The group's child frame equals its frame, so nothing moves or scales.
 */
export function groupShapes(slideXml: string): { xml: string; groups: number } {
  let groups = 0;
  const tree = /(<p:spTree>[\s\S]*?<\/p:grpSpPr>)([\s\S]*)(<\/p:spTree>)/.exec(slideXml);
  if (!tree) return { xml: slideXml, groups };
  const body = tree[2]!;
  const parts: { xml: string; group?: string }[] = [];
  let last = 0;
  for (const m of body.matchAll(OBJECT)) {
    if (m.index > last) parts.push({ xml: body.slice(last, m.index) });
    const name = /<p:cNvPr [^>]*name="grp(\d+)\//.exec(m[0]);
    parts.push({ xml: m[0], group: name?.[1] });
    last = m.index + m[0].length;
  }
  parts.push({ xml: body.slice(last) });
  let out = '';
  for (let i = 0; i < parts.length; ) {
    const group = parts[i]!.group;
    let j = i + 1;
    if (group !== undefined) while (j < parts.length && parts[j]!.group === group) j++;
    const members = parts.slice(i, j);
    const boxes = members.map((p) => bounds(p.xml));
    if (group === undefined || members.length < 2 || boxes.some((b) => !b)) {
      out += members.map((p) => p.xml).join('');
      i = j;
      continue;
    }
    const x = Math.min(...boxes.map((b) => b!.x));
    const y = Math.min(...boxes.map((b) => b!.y));
    const cx = Math.max(...boxes.map((b) => b!.x + b!.cx)) - x;
    const cy = Math.max(...boxes.map((b) => b!.y + b!.cy)) - y;
    groups++;
    out +=
      `<p:grpSp><p:nvGrpSpPr><p:cNvPr id="${5000 + groups}" name="Group ${group}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
      `<p:grpSpPr><a:xfrm><a:off x="${x}" y="${y}"/><a:ext cx="${cx}" cy="${cy}"/>` +
      `<a:chOff x="${x}" y="${y}"/><a:chExt cx="${cx}" cy="${cy}"/></a:xfrm></p:grpSpPr>` +
      members.map((p) => p.xml).join('') +
      '</p:grpSp>';
    i = j;
  }
  return { xml: slideXml.replace(tree[0], tree[1] + out + tree[3]), groups };
}

/**
 * PptxGenJS writes an `a:pPr` before every run of a paragraph; the schema allows one, first. Keeps the first.
 */
export function singleParagraphProps(slideXml: string): string {
  return slideXml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_, inner: string) => {
    const kept = inner.replace(/<a:pPr\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/a:pPr>)/g, (pPr: string, at: number) =>
      at === 0 ? pPr : '',
    );
    return `<a:p>${kept}</a:p>`;
  });
}

/** The theme's East Asian fonts: the Windows fallback, per script. */
export function themeFonts(themeXml: string, lang: FinishOptions['lang']): string {
  const ea = FALLBACK_FONTS[lang];
  return themeXml
    .replace(/<a:ea typeface="[^"]*"\s*\/>/g, `<a:ea typeface="${ea}" charset="${CHARSET[lang]}"/>`)
    .replace(
      /<a:font script="Hans" typeface="[^"]*"\/>/g,
      `<a:font script="Hans" typeface="${FALLBACK_FONTS.hans}"/>`,
    )
    .replace(
      /<a:font script="Hant" typeface="[^"]*"\/>/g,
      `<a:font script="Hant" typeface="${FALLBACK_FONTS.hant}"/>`,
    );
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * What PptxGenJS cannot write, done on its zip: groups, the theme's fallback fonts, each run's East Asian
 * charset for 繁體, and the keywords property. Returns how many groups it made.
 */
export async function finishPackage(zip: JSZip, options: FinishOptions): Promise<number> {
  let groups = 0;
  for (const path of Object.keys(zip.files)) {
    if (/^ppt\/slides\/slide\d+\.xml$/.test(path)) {
      let xml = await zip.file(path)!.async('string');
      const grouped = groupShapes(singleParagraphProps(xml));
      groups += grouped.groups;
      xml = grouped.xml;
      const gradient = options.gradients?.get(Number(/slide(\d+)\.xml$/.exec(path)![1]));
      if (gradient)
        xml = xml.replace(
          /<p:bg>[\s\S]*?<\/p:bg>/,
          `<p:bg><p:bgPr>${gradientFill(gradient)}<a:effectLst/></p:bgPr></p:bg>`,
        );
      if (options.lang === 'hant')
        xml = xml.replace(/(<a:ea typeface="[^"]*" pitchFamily="\d+" charset=)"-122"/g, '$1"-120"');
      zip.file(path, xml);
    } else if (/^ppt\/theme\/theme\d+\.xml$/.test(path)) {
      zip.file(path, themeFonts(await zip.file(path)!.async('string'), options.lang));
    } else if (path === 'docProps/core.xml' && options.keywords) {
      const xml = await zip.file(path)!.async('string');
      zip.file(
        path,
        xml.includes('<cp:keywords')
          ? xml.replace(
              /<cp:keywords>[^<]*<\/cp:keywords>|<cp:keywords\/>/,
              `<cp:keywords>${escapeXml(options.keywords)}</cp:keywords>`,
            )
          : xml.replace(
              '</cp:coreProperties>',
              `<cp:keywords>${escapeXml(options.keywords)}</cp:keywords></cp:coreProperties>`,
            ),
      );
    }
  }
  return groups;
}
