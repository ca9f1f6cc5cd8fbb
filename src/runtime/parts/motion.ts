import { REDUCED_MOTION, reducedMotion } from '../motion.ts';
import type { DeckContext, DeckPart } from '../part.ts';

/**
 * `prefers-reduced-motion: reduce` turns reveal.js's slide and background transitions off, and back to the
 * deck's own when the preference is lifted. CSS transitions are off by the theme (access.css), charts by
 * the charts part.
 */
export function motion(): DeckPart {
  let query: MediaQueryList | undefined;
  let apply: (() => void) | undefined;
  return {
    name: 'motion',
    setup(ctx: DeckContext) {
      if (ctx.print || typeof matchMedia !== 'function') return;
      const { transition, backgroundTransition } = ctx.reveal.getConfig();
      apply = () =>
        ctx.reveal.configure(
          reducedMotion()
            ? { transition: 'none', backgroundTransition: 'none' }
            : { transition, backgroundTransition },
        );
      query = matchMedia(REDUCED_MOTION);
      query.addEventListener('change', apply);
      if (reducedMotion()) apply();
    },
    teardown() {
      if (query && apply) query.removeEventListener('change', apply);
    },
  };
}
