import type { Plugin } from 'vite';
import { SLIDES_FILE, slideShape } from '../../server/slides.ts';
import type { DeckSource } from './deck-source.ts';

/**
 * `deck:slides` writes the deck's shape (slides, vertical slides, fragments) to `deck-slides.json`, where
 * `npm start`'s relay reads it to refuse a presenter's state for a slide the deck does not have. The variants
 * are conversions of one compile: they share the first one's shape.
 */
export function deckSlides(source: DeckSource): Plugin {
  return {
    name: 'deck:slides',
    apply: 'build',
    generateBundle() {
      const first = source.variants[0];
      if (!first) return;
      const stacks = slideShape(source.get(first).stacks);
      this.emitFile({ type: 'asset', fileName: SLIDES_FILE, source: `${JSON.stringify({ stacks })}\n` });
    },
  };
}
