import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { configFrom } from '../../src/config/index.ts';
import { parseExportArgs } from '../../src/export/options.ts';
import { packageScene } from '../../src/export/pptx/index.ts';
import { FALLBACK_FONTS } from '../../src/export/pptx/ooxml.ts';
import type { DeckScene, Item, SlideScene } from '../../src/export/pptx/scene.ts';
import { runLang } from '../../src/export/pptx/write.ts';
import { all, chartSeries, EMU, frame, type PptxPackage, readPptx, text } from '../ooxml.ts';

/** A one-slide deck of `items` on a 1920 × 1080 page, written and finished as the exporter does, read back. */
async function written(
  items: Item[],
  extra: Partial<SlideScene> = {},
  lang = 'zh-Hans',
): Promise<PptxPackage> {
  const deck: DeckScene = {
    title: '标题',
    author: '作者',
    subject: '主题',
    keywords: '工业, 济南',
    lang,
    font: 'Noto Sans SC',
    slides: [
      {
        width: 1920,
        height: 1080,
        items,
        notes: '讲稿',
        title: '一',
        section: '第一节',
        source: 'a.md:1-2',
        ...extra,
      },
    ],
  };
  const { bytes } = await packageScene(deck, { notes: true });
  return readPptx(bytes);
}

const para = { align: 'left' as const, lineHeight: 40, spaceBefore: 0 };

describe('pptx: text', () => {
  it('keeps a run’s weight, colour, size and emphasis, its language and East Asian typeface, and pinned breaks', async () => {
    const pkg = await written([
      {
        kind: 'shape',
        geometry: 'rect',
        x: 100,
        y: 100,
        w: 800,
        h: 100,
        text: {
          inset: { l: 0, t: 0, r: 0, b: 0 },
          paragraphs: [
            {
              ...para,
              runs: [
                { text: '工业是', size: 32, color: '222222' },
                { text: '“压舱石”', size: 32, color: 'A3191F', bold: true },
                { text: '城市强', size: 32, color: '222222', italic: true, breakBefore: true },
              ],
            },
          ],
        },
      },
    ]);
    const slide = await pkg.xml(pkg.slides[0]!);
    const runs = all(slide, 'a:r');
    expect(runs.map((r) => text(r))).toEqual(['工业是', '“压舱石”', '城市强']);
    const props = runs.map((r) => all(r, 'a:rPr')[0]!);
    expect(props.map((p) => p.getAttribute('lang'))).toEqual(['zh-CN', 'zh-CN', 'zh-CN']);
    expect(props.map((p) => p.getAttribute('sz'))).toEqual(['1600', '1600', '1600']); // 32 px = 16 pt
    expect(props[1]!.getAttribute('b')).toBe('1');
    expect(props[2]!.getAttribute('i')).toBe('1');
    expect(all(props[1]!, 'a:srgbClr')[0]!.getAttribute('val')).toBe('A3191F');
    for (const p of props) {
      expect(all(p, 'a:ea')[0]!.getAttribute('typeface')).toBe('Noto Sans SC');
      expect(all(p, 'a:ea')[0]!.getAttribute('charset')).toBe('-122');
    }
    // The browser's line break is an <a:br/> before the third run, in the same paragraph.
    expect(all(slide, 'a:p')).toHaveLength(1);
    const children = Array.from(all(slide, 'a:p')[0]!.childNodes)
      .map((n) => n.nodeName)
      .filter((n) => n !== '#text' && n !== 'a:endParaRPr');
    expect(children).toEqual(['a:pPr', 'a:r', 'a:r', 'a:br', 'a:r']);
    expect(all(slide, 'a:bodyPr')[0]!.getAttribute('wrap')).toBe('none');
  });

  it('writes a nested list as bulleted paragraphs at their levels', async () => {
    const item = (t: string, level: number, type: 'bullet' | 'number' = 'bullet') => ({
      ...para,
      runs: [{ text: t, size: 28, color: '222222' }],
      bullet: { type, level },
    });
    const pkg = await written([
      {
        kind: 'shape',
        geometry: 'rect',
        x: 100,
        y: 100,
        w: 800,
        h: 300,
        text: {
          inset: { l: 0, t: 0, r: 0, b: 0 },
          paragraphs: [item('甲', 0), item('甲一', 1), item('甲二', 1), item('乙', 0, 'number')],
        },
      },
    ]);
    const ps = all(await pkg.xml(pkg.slides[0]!), 'a:p');
    expect(ps.map((p) => text(p))).toEqual(['甲', '甲一', '甲二', '乙']);
    const levels = ps.map((p) => all(p, 'a:pPr')[0]!.getAttribute('lvl') ?? '0');
    expect(levels).toEqual(['0', '1', '1', '0']);
    expect(all(ps[0]!, 'a:buChar')).toHaveLength(1);
    expect(all(ps[3]!, 'a:buAutoNum')).toHaveLength(1);
  });

  it('names the deck’s font and the Windows fallback in the theme; 繁體 runs are zh-HK with the Big5 charset', async () => {
    const box: Item = {
      kind: 'shape',
      geometry: 'rect',
      x: 0,
      y: 0,
      w: 100,
      h: 50,
      text: {
        inset: { l: 0, t: 0, r: 0, b: 0 },
        paragraphs: [{ ...para, runs: [{ text: '說著', size: 20, color: '000000' }] }],
      },
    };
    const hans = await written([box]);
    const theme = await hans.xml('ppt/theme/theme1.xml');
    expect(all(theme, 'a:ea').map((e) => e.getAttribute('typeface'))).toContain(FALLBACK_FONTS.hans);
    const hant = await written([box], {}, 'zh-Hant');
    const rPr = all(await hant.xml(hant.slides[0]!), 'a:rPr')[0]!;
    expect(rPr.getAttribute('lang')).toBe('zh-HK');
    expect(all(rPr, 'a:ea')[0]!.getAttribute('charset')).toBe('-120');
    expect(
      all(await hant.xml('ppt/theme/theme1.xml'), 'a:ea').map((e) => e.getAttribute('typeface')),
    ).toContain(FALLBACK_FONTS.hant);
  });
});

describe('pptx: charts', () => {
  it('turns a chart spec into a chart part with its series, categories, values, colours and an embedded workbook', async () => {
    const pkg = await written([
      {
        kind: 'chart',
        id: 'c1',
        x: 100,
        y: 200,
        w: 1200,
        h: 600,
        type: 'bar',
        horizontal: false,
        stacked: false,
        labels: ['汽车制造', '电子信息'],
        series: [
          { label: '2022年（推算）', values: [8.6, 9.6], colors: ['5B6B7F'] },
          { label: '2024年', values: [16.4, 14.6], colors: ['A3191F'] },
        ],
        format: '0.0"%"',
        legend: true,
        axes: {},
        textColor: '333333',
        textSize: 20,
      },
    ]);
    const rels = await pkg.rels(pkg.slides[0]!);
    const chartPath = rels.find((r) => r.type === 'chart')!.target;
    const chart = await pkg.xml(chartPath);
    expect(chartSeries(chart)).toEqual([
      { name: '2022年（推算）', categories: ['汽车制造', '电子信息'], values: [8.6, 9.6] },
      { name: '2024年', categories: ['汽车制造', '电子信息'], values: [16.4, 14.6] },
    ]);
    expect(all(chart, 'c:barDir')[0]!.getAttribute('val')).toBe('col');
    expect(all(chart, 'c:numFmt').map((f) => f.getAttribute('formatCode'))).toContain('0.0"%"');
    expect(all(chart, 'c:showVal')[0]!.getAttribute('val')).toBe('1');
    const fills = all(chart, 'c:ser').map((s) =>
      all(all(s, 'c:spPr')[0]!, 'a:srgbClr')[0]!.getAttribute('val'),
    );
    expect(fills).toEqual(['5B6B7F', 'A3191F']);
    // "Edit Data" opens the embedded workbook, which holds the same numbers.
    const workbook = (await pkg.rels(chartPath)).find((r) => r.type === 'package')!.target;
    const xlsx = await JSZip.loadAsync(await pkg.zip.file(workbook)!.async('uint8array'));
    const sheet = await xlsx.file('xl/worksheets/sheet1.xml')!.async('string');
    for (const v of ['8.6', '9.6', '16.4', '14.6']) expect(sheet).toContain(`<v>${v}</v>`);
  });
});

describe('pptx: diagrams', () => {
  it('writes a diagram’s boxes, arrows and curves as native shapes in one group', async () => {
    const line = { color: 'A3191F', width: 4 };
    const pkg = await written([
      { kind: 'shape', geometry: 'rect', x: 0, y: 0, w: 1920, h: 120, fill: 'FFFFFF' },
      {
        kind: 'shape',
        geometry: 'roundRect',
        radius: 12,
        x: 100,
        y: 300,
        w: 300,
        h: 120,
        fill: 'A3191F',
        line,
        group: 1,
        text: {
          inset: { l: 10, t: 10, r: 10, b: 0 },
          paragraphs: [{ ...para, align: 'center', runs: [{ text: '节点', size: 28, color: 'FFFFFF' }] }],
        },
      },
      { kind: 'shape', geometry: 'ellipse', x: 700, y: 300, w: 200, h: 200, line, group: 1 },
      { kind: 'line', x: 400, y: 360, w: 300, h: 40, line, headEnd: true, group: 1 },
      {
        kind: 'path',
        x: 400,
        y: 420,
        w: 300,
        h: 80,
        line: { ...line, dash: true },
        group: 1,
        points: [
          { x: 0, y: 0, moveTo: true },
          { x: 300, y: 80, curve: { x1: 150, y1: 0, x2: 150, y2: 80 } },
        ],
      },
    ]);
    const slide = await pkg.xml(pkg.slides[0]!);
    const groups = all(slide, 'p:grpSp');
    expect(groups).toHaveLength(1);
    const members = Array.from(groups[0]!.childNodes).filter((n) => n.nodeName === 'p:sp');
    expect(members).toHaveLength(4);
    const geoms = all(groups[0]!, 'a:prstGeom').map((g) => g.getAttribute('prst'));
    expect(geoms).toEqual(['roundRect', 'ellipse', 'line']);
    expect(text(groups[0]!)).toBe('节点');
    expect(all(groups[0]!, 'a:tailEnd')[0]!.getAttribute('type')).toBe('triangle');
    expect(all(groups[0]!, 'a:cubicBezTo')).toHaveLength(1);
    expect(all(groups[0]!, 'a:prstDash').map((d) => d.getAttribute('val'))).toContain('dash');
    // The group's frame holds its members exactly: from the rounded box's left to the ellipse's right.
    const g = frame(all(groups[0]!, 'p:grpSpPr')[0]!);
    const members0 = members.map((m) => frame(m as unknown as Parameters<typeof frame>[0]));
    expect(g.x).toBe(Math.min(...members0.map((m) => m.x)));
    expect(g.x + g.cx).toBe(Math.max(...members0.map((m) => m.x + m.cx)));
    expect(g.x / EMU.w).toBeCloseTo(100 / 1920, 3);
    // The slide-wide box outside the group stays a plain shape.
    expect(all(slide, 'p:sp')).toHaveLength(5);
  });

  it('fills the slide background and writes notes, properties and sections', async () => {
    const pkg = await written([], { background: { color: 'FBF7F0' } });
    const slide = await pkg.xml(pkg.slides[0]!);
    expect(all(all(slide, 'p:bg')[0]!, 'a:srgbClr')[0]!.getAttribute('val')).toBe('FBF7F0');
    const notes = (await pkg.rels(pkg.slides[0]!)).find((r) => r.type === 'notesSlide')!.target;
    expect(text(await pkg.xml(notes))).toContain('讲稿');
    const core = await pkg.xml('docProps/core.xml');
    expect(all(core, 'dc:title')[0]!.textContent).toBe('标题');
    expect(all(core, 'dc:creator')[0]!.textContent).toBe('作者');
    expect(all(core, 'dc:subject')[0]!.textContent).toBe('主题');
    expect(all(core, 'cp:keywords')[0]!.textContent).toBe('工业, 济南');
    const sections = all(await pkg.xml('ppt/presentation.xml'), 'p14:section').map((s) =>
      s.getAttribute('name'),
    );
    expect(sections).toEqual(['第一节']);
  });
});

describe('pptx: gradients and triangles', () => {
  it('writes a gradient background as a gradient fill (CSS 90deg is DrawingML 0), over the page colour', async () => {
    const pkg = await written([], {
      background: {
        color: 'FFFFFF',
        gradient: {
          angle: 90,
          stops: [
            { at: 0, color: 'A3191F', alpha: 1 },
            { at: 1, color: '000000', alpha: 0 },
          ],
        },
      },
    });
    const bg = all(await pkg.xml(pkg.slides[0]!), 'p:bg')[0]!;
    expect(all(bg, 'a:lin')[0]!.getAttribute('ang')).toBe('0');
    expect(
      all(bg, 'a:gs').map((g) => [g.getAttribute('pos'), all(g, 'a:srgbClr')[0]!.getAttribute('val')]),
    ).toEqual([
      ['0', 'A3191F'],
      ['100000', 'FFFFFF'],
    ]);
  });

  it('turns a triangle to point where the CSS arrow points', async () => {
    const pkg = await written([
      { kind: 'shape', geometry: 'triangle', rotate: 90, x: 100, y: 100, w: 28, h: 20, fill: 'C49A3C' },
    ]);
    const sp = all(await pkg.xml(pkg.slides[0]!), 'p:sp')[0]!;
    expect(all(sp, 'a:prstGeom')[0]!.getAttribute('prst')).toBe('triangle');
    expect(all(sp, 'a:xfrm')[0]!.getAttribute('rot')).toBe(String(90 * 60000));
  });
});

describe('pptx: run language', () => {
  it('is zh-CN or zh-HK for a Chinese deck and the deck’s own tag otherwise', () => {
    expect(['zh-Hans', 'zh-Hant', 'en', 'de-CH'].map(runLang)).toEqual(['zh-CN', 'zh-HK', 'en-US', 'de-CH']);
  });
});

describe('pptx: options', () => {
  it('defaults to exports/<package name>.pptx with notes; --no-notes leaves them out', () => {
    const root = join('/tmp', 'deck-pptx-options');
    const config = configFrom(root, {}, undefined, {});
    const o = parseExportArgs(['pptx'], config);
    expect(o).toMatchObject({ format: 'pptx', notes: true, lang: 'en' });
    expect(o.out).toBe(join(root, 'exports', 'deck.pptx'));
    expect(parseExportArgs(['pptx', '--no-notes'], config).notes).toBe(false);
  });
});
