import type { DeckContext, DeckPart } from '../part.ts';

interface UpdatePayload {
  lang: string;
  html: string;
  /** Problems left in the deck; 0 clears Vite's error overlay. */
  errors: number;
}

/**
 * In `npm run dev`, replaces the slides in place when a markdown file is saved, keeping the current slide
 * and fragment. Compiled out of a build (`import.meta.hot` is undefined there).
 */
export function devUpdates(): DeckPart {
  let off: (() => void) | undefined;
  return {
    name: 'dev-updates',
    setup(ctx: DeckContext) {
      const hot = import.meta.hot;
      if (!hot) return;
      const onUpdate = (data: UpdatePayload) => {
        const slides = document.querySelector('.reveal .slides');
        if (data.lang !== ctx.config.lang || !slides) return;
        if (data.errors === 0)
          for (const overlay of document.querySelectorAll('vite-error-overlay')) overlay.remove();
        const { h, v, f } = ctx.reveal.getIndices();
        slides.innerHTML = data.html;
        ctx.reveal.sync();
        ctx.reveal.slide(h, v ?? 0, f ?? undefined);
        document.dispatchEvent(new CustomEvent('deck:updated', { detail: { h, v, f } }));
      };
      hot.on('deck:update', onUpdate);
      off = () => hot.off?.('deck:update', onUpdate);
    },
    teardown() {
      off?.();
    },
  };
}
