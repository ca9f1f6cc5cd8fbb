import { expect, type Page, test } from '@playwright/test';
import type { PrintedDeck } from '../../src/export/layout.ts';
import { readScene } from '../../src/export/pptx/index.ts';
import type { Item, ShapeItem, SlideScene } from '../../src/export/pptx/scene.ts';

/**
 * The walker on fixtures laid out by Chromium as reveal.js's print view lays out a slide: one `.pdf-page` of
 * 1920 × 1080, read into a scene with the exporter's own `readScene`.
 */

const deck: PrintedDeck = {
  title: 'T',
  author: '',
  subject: '',
  keywords: '',
  lang: 'zh-Hans',
  slides: 1,
  pages: [{ kind: 'slide', slide: 0, step: 0, title: 'T', section: 'S', source: 'a.md:1-2' }],
};

async function scene(page: Page, body: string): Promise<SlideScene> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.setContent(
    `<!doctype html><html lang="zh-CN"><head><style>
      body { margin: 0; font: 32px/1.5 sans-serif; color: #222; }
      .pdf-page { position: relative; width: 1920px; height: 1080px; background: #fbf7f0; }
      section { position: absolute; inset: 0; padding: 60px; }
    </style></head><body><div class="reveal"><div class="slides"><div class="pdf-page"><section>${body}</section></div></div></div></body></html>`,
  );
  const read = await readScene(page, deck);
  return read.slides[0]!;
}

const texts = (items: Item[]) => items.filter((i): i is ShapeItem => i.kind === 'shape' && Boolean(i.text));

test('a paragraph becomes one text box of runs that keep weight, colour and emphasis', async ({ page }) => {
  const s = await scene(
    page,
    '<p>工业是<strong style="color:#a3191f">“压舱石”</strong>，<em>城市</em>强</p>',
  );
  const [box] = texts(s.items);
  expect(s.background).toEqual({ color: 'FBF7F0' });
  expect(box!.text!.paragraphs).toHaveLength(1);
  const runs = box!.text!.paragraphs[0]!.runs;
  expect(runs.map((r) => r.text)).toEqual(['工业是', '“压舱石”', '，', '城市', '强']);
  expect(runs[1]).toMatchObject({ bold: true, color: 'A3191F', size: 32 });
  expect(runs[3]).toMatchObject({ italic: true, color: '222222' });
  expect(runs[0]!.bold).toBeUndefined();
});

test('a wrapped paragraph breaks its runs where the browser broke its lines', async ({ page }) => {
  const text =
    '工业强，城市强。工业是城市发展的重要支撑：工业经济发展得好，城市综合实力就强，高质量发展的韧劲就足。';
  const s = await scene(page, `<p id="p" style="width: 400px">${text}</p>`);
  const lines = await page.evaluate(() =>
    Math.round(document.getElementById('p')!.getBoundingClientRect().height / 48),
  );
  expect(lines).toBeGreaterThan(3);
  const runs = texts(s.items)[0]!.text!.paragraphs[0]!.runs;
  expect(runs.filter((r) => r.breakBefore)).toHaveLength(lines - 1);
  expect(runs.map((r) => r.text).join('')).toBe(text);
  // Each line is no wider than the browser's: its width in characters is what fits in 400 px of 32 px type.
  for (const r of runs) expect([...r.text].length).toBeLessThanOrEqual(400 / 32 + 1);
});

test('a nested list becomes bulleted paragraphs at their levels, in one box', async ({ page }) => {
  const s = await scene(
    page,
    '<ul><li>甲<ul><li>甲一</li><li>甲二</li></ul></li><li>乙</li></ul><ol><li>一</li></ol>',
  );
  const boxes = texts(s.items);
  expect(boxes).toHaveLength(2);
  const ul = boxes[0]!.text!.paragraphs;
  expect(ul.map((p) => [p.runs.map((r) => r.text).join(''), p.bullet])).toEqual([
    ['甲', { type: 'bullet', level: 0 }],
    ['甲一', { type: 'bullet', level: 1 }],
    ['甲二', { type: 'bullet', level: 1 }],
    ['乙', { type: 'bullet', level: 0 }],
  ]);
  expect(boxes[1]!.text!.paragraphs[0]!.bullet).toEqual({ type: 'number', level: 0 });
});

test('a diagram becomes a group of shapes with their text, lines with arrowheads and curves', async ({
  page,
}) => {
  const s = await scene(
    page,
    `<div style="position: relative; width: 800px; height: 400px">
      <svg width="800" height="400" viewBox="0 0 800 400" style="position: absolute; inset: 0">
        <defs><marker id="h" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4" orient="auto"><path d="M0 0 L10 5 L0 10 z"/></marker></defs>
        <circle cx="600" cy="200" r="100" fill="none" stroke="#a3191f" stroke-width="4"/>
        <path d="M200 200 L500 200" stroke="#a3191f" stroke-width="4" marker-end="url(#h)"/>
        <path d="M200 250 C300 250 400 350 500 350" stroke="#c49a3c" stroke-width="3" stroke-dasharray="8 6" fill="none"/>
      </svg>
      <div style="position: absolute; left: 0; top: 150px; width: 200px; height: 100px; background: #a3191f; color: #fff; border-radius: 12px; display: flex; flex-direction: column; align-items: center; justify-content: center">
        <span style="display: block">节点</span><span style="display: block; font-size: 20px">说明</span>
      </div>
    </div>
    <p style="filter: blur(2px)">模糊</p>
    <span style="position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%)">读屏</span>`,
  );
  const grouped = s.items.filter((i) => 'group' in i && i.group !== undefined);
  expect(new Set(grouped.map((i) => ('group' in i ? i.group : undefined))).size).toBe(1);
  const ring = grouped.find((i) => i.kind === 'shape' && i.geometry === 'ellipse') as ShapeItem;
  expect(ring).toMatchObject({ line: { color: 'A3191F' } });
  expect(ring.x).toBeCloseTo(60 + 502, 0);
  expect(ring.w).toBeCloseTo(196, 0);
  const arrow = grouped.find((i) => i.kind === 'line');
  expect(arrow).toMatchObject({ kind: 'line', headEnd: true, w: 300, h: 0 });
  const curve = grouped.find((i) => i.kind === 'path');
  expect(curve).toMatchObject({ kind: 'path', line: { dash: true } });
  const node = grouped.find((i) => i.kind === 'shape' && i.geometry === 'roundRect') as ShapeItem;
  expect(node).toMatchObject({ fill: 'A3191F', radius: 12, x: 60, w: 200, h: 100 });
  expect(node.text!.paragraphs.map((p) => p.runs[0]!.text)).toEqual(['节点', '说明']);
  // Centred by the flex column, not by text-align: still centred paragraphs.
  expect(node.text!.paragraphs.map((p) => p.align)).toEqual(['center', 'center']);
  // What PowerPoint cannot draw is a picture of that element alone; screen-reader text is not on the slide.
  expect(s.items.filter((i) => i.kind === 'fallback')).toMatchObject([{ why: 'CSS filter', own: false }]);
  expect(JSON.stringify(s.items)).not.toContain('读屏');
});

test('pseudo-elements, CSS triangles and striped gradients become shapes, not pictures', async ({ page }) => {
  const s = await scene(
    page,
    `<style>
      .band::before { content: ""; position: absolute; left: 0; top: 0; width: 300px; height: 20px; background: #a3191f; }
      .num::before { content: counter(x, cjk-ideographic) "、"; color: #a3191f; }
      .arrow { position: absolute; left: 900px; top: 500px; width: 0; height: 0; border: 14px solid transparent; border-left: 20px solid #c49a3c; }
      .stripe { position: absolute; left: 0; top: 700px; width: 400px; height: 100px; background: linear-gradient(90deg, #f3dcd6 0 24px, transparent 24px); }
    </style>
    <div class="band"></div><ol style="list-style: none"><li class="num">甲</li><li class="num">乙</li></ol>
    <div class="arrow"></div><div class="stripe"></div>`,
  );
  expect(s.items.filter((i) => i.kind === 'fallback')).toEqual([]);
  expect(s.items).toContainEqual(
    expect.objectContaining({ kind: 'shape', fill: 'A3191F', x: 0, y: 0, w: 300, h: 20 }),
  );
  const all = JSON.stringify(
    texts(s.items).map((t) => t.text!.paragraphs.map((p) => p.runs.map((r) => r.text).join(''))),
  );
  expect(all).toContain('一、甲');
  expect(all).toContain('二、乙');
  // list-style: none: the counter is the marker, PowerPoint adds none.
  expect(texts(s.items).flatMap((t) => t.text!.paragraphs.map((p) => p.bullet))).toEqual([
    undefined,
    undefined,
  ]);
  // The arrow points right: a triangle turned 90°, 20 px long and 28 px across.
  expect(s.items).toContainEqual(
    expect.objectContaining({
      kind: 'shape',
      geometry: 'triangle',
      rotate: 90,
      fill: 'C49A3C',
      w: 28,
      h: 20,
    }),
  );
  expect(s.items).toContainEqual(
    expect.objectContaining({ kind: 'shape', geometry: 'rect', fill: 'F3DCD6', x: 0, y: 700, w: 24, h: 100 }),
  );
});

test('the notes page keeps the spoken notes first and the provenance part apart, under its label', async ({
  page,
}) => {
  const s = await scene(
    page,
    '<h2>标题</h2><aside class="notes"><p>先说这一句。</p><p>再说这一句。</p></aside>' +
      '<aside class="provenance-note"><p>原文只列名称。</p></aside>',
  );
  expect(s.notes).toBe('先说这一句。\n再说这一句。\n\n出处：\n原文只列名称。');
  expect(
    texts(s.items).map((t) => t.text!.paragraphs.flatMap((p) => p.runs.map((r) => r.text)).join('')),
  ).toEqual(['标题']);
});
