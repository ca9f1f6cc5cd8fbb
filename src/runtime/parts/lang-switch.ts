import { uiText } from '../../i18n/ui-text.ts';
import type { DeckContext, DeckPart } from '../part.ts';

/** The hash of the current slide and fragment, as reveal.js writes it (`#/h/v/f`). */
export function positionHash(indices: { h: number; v?: number; f?: number }): string {
  const parts = [indices.h];
  if ((indices.v ?? 0) > 0 || indices.f !== undefined) parts.push(indices.v ?? 0);
  if (indices.f !== undefined) parts.push(indices.f);
  return `#/${parts.join('/')}`;
}

/** Links to the deck's other language variants that keep the current slide and fragment. */
export function langSwitch(): DeckPart {
  let nav: HTMLElement | undefined;
  let update: (() => void) | undefined;
  let ctx: DeckContext | undefined;
  const EVENTS = ['slidechanged', 'fragmentshown', 'fragmenthidden', 'ready'] as const;
  return {
    name: 'lang-switch',
    setup(context) {
      ctx = context;
      const { alternates } = context.config;
      if (alternates.length === 0 || context.print) return;
      nav = document.createElement('nav');
      nav.className = 'deck-lang-switch';
      nav.setAttribute('aria-label', uiText(context.config.lang).language);
      const links = alternates.map((alt) => {
        const a = document.createElement('a');
        a.textContent = alt.label;
        a.lang = alt.lang;
        a.hreflang = alt.lang;
        a.dataset.base = alt.href;
        a.href = alt.href;
        nav!.append(a);
        return a;
      });
      update = () => {
        const hash = positionHash(context.reveal.getIndices());
        for (const a of links) a.href = `${a.dataset.base}${hash}`;
      };
      for (const e of EVENTS) context.reveal.on(e, update);
      update();
      document.querySelector('.reveal')?.append(nav);
    },
    teardown() {
      if (update && ctx) for (const e of EVENTS) ctx.reveal.off(e, update);
      nav?.remove();
    },
  };
}
