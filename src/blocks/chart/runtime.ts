import {
  type DeckContext,
  type DeckPart,
  fragmentsOf,
  LAYOUT_EVENT,
  onSlideEvents,
  printLayout,
  reducedMotion,
  type SlideEvent,
} from '../kit.ts';
import { CHART } from './names.ts';
import { bindDataTables } from './runtime/data-table.ts';
import { CHART_SELECTOR, chartFigures, chartText, readModel } from './runtime/model-dom.ts';
import { readTheme } from './runtime/theme.ts';
import type { ChartView } from './runtime/view.ts';

type Lib = typeof import('./runtime/lib.ts');

/** The first draw waits for the deck font: a canvas drawn before it keeps the fallback glyphs. */
async function fontsFor(text: string): Promise<void> {
  const family =
    getComputedStyle(document.documentElement).getPropertyValue('--deck-font-family').trim() || 'sans-serif';
  await Promise.all([400, 700].map((w) => document.fonts.load(`${w} 24px ${family}`, text)));
}

/**
 * Charts: Chart.js loads when a chart slide is near; a chart is created when its slide shows, animates as
 * it is entered, follows its step fragments both ways, keeps a backing store of at least the on-screen
 * device pixels under reveal.js's scaling, and is destroyed once its slide is left behind. In print, every
 * chart is drawn as SVG at its final values before the deck is ready.
 */
export function charts(): DeckPart {
  let ready: Promise<void> = Promise.resolve();
  const offs: (() => void)[] = [];
  const views = new Map<HTMLElement, ChartView>();

  return {
    name: 'charts',
    setup(ctx: DeckContext) {
      // In print, reveal.js may still be moving the slides into pages (its PDF layout runs on after it is
      // ready): the figures are counted once it is done, or a deck could be ready with its charts undrawn.
      if (!ctx.print && chartFigures().length === 0 && !import.meta.hot) return;
      const { reveal } = ctx;
      const theme = readTheme();
      let lib: Promise<Lib> | undefined;
      const load = () => {
        lib ??= (async () => {
          const models = chartFigures().map(readModel);
          const [m] = await Promise.all([import('./runtime/lib.ts'), fontsFor(chartText(models))]);
          m.prepare(models, theme);
          return m;
        })();
        return lib;
      };
      const tables = bindDataTables(reveal, ctx.config.lang);
      offs.push(tables.off);

      if (ctx.print) {
        ready = (async () => {
          await printLayout(ctx);
          const figures = chartFigures();
          if (figures.length === 0) return;
          const [{ drawSvg }] = await Promise.all([import('./runtime/print.ts'), load()]);
          for (const figure of figures) drawSvg(figure, theme);
        })();
        return;
      }

      // reveal.js scales the 1920×1080 slide as a whole; the canvas must have pixels for the scaled size.
      const ratio = () => (window.devicePixelRatio || 1) * reveal.getScale();
      const inSlide = (slide: Element | undefined) =>
        slide ? [...slide.querySelectorAll<HTMLElement>(CHART_SELECTOR)] : [];
      const viewOf = (m: Lib, figure: HTMLElement) => {
        let view = views.get(figure);
        if (!view) {
          view = new m.ChartView(figure, theme);
          views.set(figure, view);
        }
        return view;
      };
      const drop = (keep: (figure: HTMLElement) => boolean) => {
        for (const [figure, view] of views) {
          if (keep(figure)) continue;
          view.destroy();
          views.delete(figure);
        }
      };
      /** Loads Chart.js ahead when the slide before or after the current one has a chart. */
      const prefetch = () => {
        const slides = reveal.getSlides();
        const at = slides.indexOf(reveal.getCurrentSlide());
        if ([slides[at - 1], slides[at], slides[at + 1]].some((s) => inSlide(s).length > 0)) void load();
      };
      const enter = async (slide: HTMLElement | undefined): Promise<void> => {
        const figures = inSlide(slide);
        if (figures.length === 0) return;
        const m = await load();
        if (slide !== reveal.getCurrentSlide() && !reveal.isOverview()) return;
        await Promise.all(
          figures.map((figure) => {
            const view = viewOf(m, figure);
            if (!view.live) return view.create(!reducedMotion(), ratio());
            view.replay();
            return view.drawn;
          }),
        );
      };
      const fail = (e: unknown) => {
        console.error('chart failed to draw', e);
      };

      const onSlide = ({ currentSlide, previousSlide }: SlideEvent) => {
        // The slide being left stays drawn while it slides out; anything further away is destroyed.
        drop((f) => currentSlide?.contains(f) === true || previousSlide?.contains(f) === true);
        enter(currentSlide).catch(fail);
        prefetch();
      };
      const onFragment = (event: SlideEvent) => {
        for (const el of fragmentsOf(event)) {
          const id = el.classList.contains(CHART.step) ? el.getAttribute(CHART.stepForAttr) : null;
          const figure = id ? document.getElementById(id) : null;
          if (figure) views.get(figure)?.step();
        }
      };
      const onResize = () => {
        for (const view of views.values()) view.setRatio(ratio());
      };
      // Overview shows neighbouring slides too: draw their charts, still, so the overview is not blank.
      const onOverviewShown = () => {
        void load().then((m) => {
          if (!reveal.isOverview()) return;
          for (const figure of chartFigures()) {
            const slide = figure.closest('section');
            if (!slide || getComputedStyle(slide).display === 'none') continue;
            const view = viewOf(m, figure);
            if (!view.live) view.create(false, ratio()).catch(fail);
          }
        }, fail);
      };
      const onOverviewHidden = () => {
        const current = reveal.getCurrentSlide();
        drop((f) => current?.contains(f) === true);
      };
      const onUpdated = () => {
        drop(() => false);
        tables.init();
        enter(reveal.getCurrentSlide()).catch(fail);
      };

      offs.push(
        onSlideEvents(reveal, ['slidechanged'], onSlide),
        onSlideEvents(reveal, ['fragmentshown', 'fragmenthidden'], onFragment),
        onSlideEvents(reveal, ['resize'], onResize),
        onSlideEvents(reveal, ['overviewshown'], onOverviewShown),
        onSlideEvents(reveal, ['overviewhidden'], onOverviewHidden),
      );
      // New slides (dev server) or a new layout (a phone turned): every chart is drawn again.
      for (const type of ['deck:updated', LAYOUT_EVENT]) {
        document.addEventListener(type, onUpdated);
        offs.push(() => document.removeEventListener(type, onUpdated));
      }

      ready = enter(reveal.getCurrentSlide());
      prefetch();
    },
    ready: () => ready,
    teardown() {
      for (const off of offs.splice(0)) off();
      for (const view of views.values()) view.destroy();
      views.clear();
    },
  };
}
export default charts;
