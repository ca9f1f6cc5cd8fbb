import { PPTX } from '../../contracts/dom.ts';
import { deckText } from '../../i18n/deck-text.ts';
import type { PrintedDeck } from '../layout.ts';
import { exportTrace as trace } from '../trace.ts';
import { walkExpression } from './bundle.ts';
import { finishPackage } from './ooxml.ts';
import type { DeckScene, FallbackItem } from './scene.ts';
import type { WalkInput } from './walk/index.ts';
import { buildPresentation, type PptxCounts } from './write.ts';

export interface PptxResult {
  bytes: Uint8Array;
  counts: PptxCounts;
  /** Why each fallback picture was needed, with how many. */
  fallbackReasons: Map<string, number>;
  /** What was left out, each at its slide (`slides/03.md:1-20: svg foreignobject paints nothing …`). */
  leftOut: string[];
}

/** What the export needs of the page: evaluation, and pictures of parts of it (the DevTools pipe's page). */
export interface PptxPage {
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of a region of the document, in CSS px from its top left corner. */
  screenshot(clip: { x: number; y: number; width: number; height: number }): Promise<Uint8Array>;
}

/** Reads the ready print view into a scene: one per printed slide page, in order. */
export async function readScene(
  page: { evaluate(expression: string): Promise<unknown> },
  deck: PrintedDeck,
): Promise<DeckScene> {
  const input: WalkInput = {
    pages: deck.pages.filter((p) => p.kind === 'slide'),
    title: deck.title,
    author: deck.author,
    subject: deck.subject,
    keywords: deck.keywords,
    lang: deck.lang,
    provenanceLabel: `${deckText(deck.lang).provenance}${deckText(deck.lang).colon.trim()}`,
  };
  return (await page.evaluate(await walkExpression(input))) as DeckScene;
}

/** How long one element's picture may take; Playwright's own default (30 s) is the whole export's patience. */
const PICTURE_TIMEOUT_MS = 5000;

/** Rejects after `ms`: a picture that cannot be taken in time is a note, not the whole export's wait. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('late'), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Pictures of just the elements the walker marked: PNG data URLs by fallback id. An element that paints no
 * box (an empty `<foreignObject>`, say) has nothing to picture and is left out, as is one whose picture cannot
 * be taken in time; each is a note naming its slide, instead of a 30 s wait and a stack trace.
 */
async function fallbackPictures(
  page: PptxPage,
  scene: DeckScene,
): Promise<{ pictures: Map<number, string>; leftOut: string[] }> {
  const wanted: { f: FallbackItem; source: string }[] = scene.slides.flatMap((s) =>
    [
      ...s.items.filter((i): i is FallbackItem => i.kind === 'fallback'),
      ...(s.background?.fallback ? [s.background.fallback] : []),
      ...(s.background?.picture ? [s.background.picture] : []),
    ].map((f) => ({ f, source: s.source })),
  );
  const pictures = new Map<number, string>();
  const leftOut: string[] = [];
  for (const { f, source } of wanted) {
    const selector = `[${PPTX.fallbackAttr}="${f.id}"]`;
    // Only the element's own painting when its content is written natively; a slide's backdrop alone,
    // without the slide's content over it.
    const hide = f.own
      ? `${selector} * { visibility: hidden !important; }`
      : f.alone
        ? `.pdf-page:has(${selector}) *:not(${selector}, ${selector} *) { visibility: hidden !important; }`
        : '';
    const box = await page.evaluate<{ x: number; y: number; width: number; height: number } | null>(
      `(() => {
        const el = document.querySelector(${JSON.stringify(selector)});
        if (!el) return null;
        const style = document.createElement('style');
        style.id = 'pptx-shot';
        style.textContent = ${JSON.stringify(hide)};
        document.head.append(style);
        const r = el.getBoundingClientRect();
        return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
      })()`,
    );
    try {
      if (!box || box.width < 1 || box.height < 1) {
        leftOut.push(`${source}: ${f.why} paints nothing (an empty box): left out`);
        continue;
      }
      const png = await within(PICTURE_TIMEOUT_MS, page.screenshot(box));
      pictures.set(f.id, `data:image/png;base64,${Buffer.from(png).toString('base64')}`);
    } catch (e) {
      if ((e as Error).name !== 'TimeoutError') throw e;
      leftOut.push(
        `${source}: ${f.why} could not be pictured within ${PICTURE_TIMEOUT_MS / 1000} s: left out`,
      );
    } finally {
      await page.evaluate(`document.getElementById('pptx-shot')?.remove()`);
    }
  }
  return { pictures, leftOut };
}

/** A scene as PPTX bytes: PptxGenJS writes it, then the OOXML pass adds what PptxGenJS cannot. */
export async function packageScene(
  scene: DeckScene,
  options: { notes: boolean; fallbacks?: Map<number, string> },
): Promise<{ bytes: Uint8Array; counts: PptxCounts }> {
  const [{ default: Pptx }, { default: JSZip }] = await Promise.all([import('pptxgenjs'), import('jszip')]);
  const { pptx, counts, gradients, svgFallbacks } = buildPresentation(Pptx, scene, options);
  // Stored, not deflated: the package is compressed once, when it is written again after the OOXML pass.
  const written = (await pptx.write({ outputType: 'nodebuffer', compression: false })) as Buffer;
  const zip = await JSZip.loadAsync(written);
  counts.groups = await finishPackage(zip, {
    lang: /hant/i.test(scene.lang) ? 'hant' : 'hans',
    keywords: scene.keywords,
    gradients,
    svgFallbacks,
  });
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return { bytes, counts };
}

/** The deck as PPTX bytes: walk the print view, picture the fallbacks, write and finish the package. */
export async function renderPptx(page: PptxPage, deck: PrintedDeck, notes: boolean): Promise<PptxResult> {
  const scene = await readScene(page, deck);
  trace.mark('walk');
  const { pictures: fallbacks, leftOut } = await fallbackPictures(page, scene);
  trace.mark('pictures');
  const { bytes, counts } = await packageScene(scene, { notes, fallbacks });
  trace.mark('write pptx');
  const fallbackReasons = new Map<string, number>();
  for (const s of scene.slides)
    for (const f of [...s.items, ...(s.background?.fallback ? [s.background.fallback] : [])])
      if (f.kind === 'fallback' && fallbacks.has(f.id))
        fallbackReasons.set(f.why, (fallbackReasons.get(f.why) ?? 0) + 1);
  // What the file holds otherwise than the page, at its slide: never dropped in silence.
  const substituted = scene.slides.flatMap((s, i) =>
    (s.substitutes ?? []).map((t) => `slide ${i + 1} (${s.source || 'no source'}): ${t}`),
  );
  return { bytes, counts, fallbackReasons, leftOut: [...substituted, ...leftOut] };
}

/** `12 text boxes, 30 shapes, …`: what the file holds, for the summary line and the benchmark. */
export function describeCounts(c: PptxCounts): string {
  return [
    `${c.textBoxes} text boxes`,
    `${c.shapes} shapes`,
    `${c.lines} lines`,
    `${c.groups} groups`,
    `${c.charts} charts`,
    `${c.pictures} pictures`,
    `${c.fallbacks} fallback pictures`,
    `${c.backgrounds} background pictures`,
  ].join(', ');
}
