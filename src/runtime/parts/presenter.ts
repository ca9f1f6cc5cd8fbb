import { uiText } from '../../i18n/ui-text.ts';
import { deckDir, isPresenterView, isPreview } from '../follow/page-mode.ts';
import type { DeckContext, DeckPart } from '../part.ts';
import { PresenterView } from '../presenter/view.ts';

/**
 * The presenter view at `/presenter` (or `?presenter` on any static host), and the quiet deck inside its
 * next-slide frame (`?preview`). The follow part publishes the state when the page holds the token.
 */
export function presenter(): DeckPart {
  let view: PresenterView | undefined;
  return {
    name: 'presenter',
    setup(ctx: DeckContext) {
      if (ctx.print) return;
      if (isPreview()) {
        document.documentElement.classList.add('deck-preview');
        ctx.reveal.configure({
          controls: false,
          progress: false,
          slideNumber: false,
          keyboard: false,
          touch: false,
          hash: false,
          transition: 'none',
          backgroundTransition: 'none',
          scrollActivationWidth: 0,
        });
        return;
      }
      if (!isPresenterView()) return;
      const text = uiText(ctx.config.lang);
      // The current-slide pane is narrow on a phone: keep the paged view, not reveal.js's scroll view.
      ctx.reveal.configure({ scrollActivationWidth: 0 });
      view = new PresenterView(
        ctx.reveal,
        text,
        ctx.config.title,
        `${deckDir()}?preview`,
        ctx.config.timezone,
      );
    },
    teardown() {
      view?.remove();
    },
  };
}
