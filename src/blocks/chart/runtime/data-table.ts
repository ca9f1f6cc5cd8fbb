import type { RevealApi } from 'reveal.js';
import { uiText } from '../../../i18n/ui-text.ts';
import { CHART } from '../names.ts';
import { CHART_SELECTOR, chartFigures } from './model-dom.ts';

const KEY_D = 68;

/**
 * The "显示数据" button and the D key: show a chart's data table in place of the plot, and hide it again.
 * The table is in the page all along (visually hidden), for screen readers, search and the PDF.
 */
export function bindDataTables(reveal: RevealApi, lang: string): { init(): void; off(): void } {
  const text = uiText(lang);
  const set = (figure: HTMLElement, shown: boolean) => {
    figure.classList.toggle(CHART.showData, shown);
    const button = figure.querySelector<HTMLButtonElement>(`.${CHART.toggle}`);
    if (!button) return;
    button.setAttribute('aria-pressed', String(shown));
    button.textContent = shown ? text.hideData : text.showData;
  };
  const figures = () => chartFigures();
  const onClick = (event: Event) => {
    const button = (event.target as Element | null)?.closest(`.${CHART.toggle}`);
    const figure = button?.closest<HTMLElement>(CHART_SELECTOR);
    if (figure) set(figure, !figure.classList.contains(CHART.showData));
  };
  /** Labels the buttons (their text depends on the page's language) and shows them. */
  const init = () => {
    for (const f of figures()) {
      set(f, false);
      f.querySelector<HTMLButtonElement>(`.${CHART.toggle}`)?.removeAttribute('hidden');
    }
  };
  init();
  document.addEventListener('click', onClick);
  reveal.addKeyBinding({ keyCode: KEY_D, key: 'D', description: text.showData }, () => {
    const here = [...(reveal.getCurrentSlide()?.querySelectorAll<HTMLElement>(CHART_SELECTOR) ?? [])];
    const show = !here.every((f) => f.classList.contains(CHART.showData));
    for (const f of here) set(f, show);
  });
  return {
    init,
    off() {
      document.removeEventListener('click', onClick);
      reveal.removeKeyBinding(KEY_D);
    },
  };
}
