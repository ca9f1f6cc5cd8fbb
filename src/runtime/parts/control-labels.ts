import { uiText } from '../../i18n/ui-text.ts';
import type { DeckContext, DeckPart } from '../part.ts';

/** reveal.js names its arrow buttons in English; a screen reader reads them in the page's language instead. */
export function controlLabels(): DeckPart {
  return {
    name: 'control-labels',
    setup(ctx: DeckContext) {
      const text = uiText(ctx.config.lang);
      const rtl = ctx.reveal.getConfig().rtl;
      const labels: Record<string, string> = {
        'navigate-left': rtl ? text.nextSlide : text.prevSlide,
        'navigate-right': rtl ? text.prevSlide : text.nextSlide,
        'navigate-up': text.upSlide,
        'navigate-down': text.downSlide,
      };
      const controls = ctx.reveal.getRevealElement()?.querySelector('.controls');
      for (const [cls, label] of Object.entries(labels))
        controls?.querySelector(`button.${cls}`)?.setAttribute('aria-label', label);
    },
    teardown() {},
  };
}
