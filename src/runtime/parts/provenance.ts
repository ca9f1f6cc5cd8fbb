import { uiText } from '../../i18n/ui-text.ts';
import { isPresenterView, isPreview } from '../follow/page-mode.ts';
import type { DeckContext, DeckPart } from '../part.ts';

/** The key that turns the provenance view on and off: I, which reveal.js leaves free. */
export const PROVENANCE_KEY = { keyCode: 73, key: 'I' } as const;

/** `?provenance` in the page's address: the view is on. */
export const wantsProvenance = (loc: Location = window.location) =>
  new URLSearchParams(loc.search).has('provenance');

/**
 * The provenance view: a layer over the deck that shows, on each slide, where its figures come from and what
 * the deck arranged itself (provenance.css draws it from `html[data-provenance]`). Turned on by `?provenance`,
 * the I key (listed in reveal.js's help, `?`) or the 出处 button; the address keeps the state, so a reload or a
 * shared link opens the same view.
 */
export function provenance(): DeckPart {
  let button: HTMLButtonElement | undefined;
  let ctx: DeckContext | undefined;
  const root = document.documentElement;
  const set = (on: boolean) => {
    root.toggleAttribute('data-provenance', on);
    button?.setAttribute('aria-pressed', String(on));
    const url = new URL(window.location.href);
    if (on) url.searchParams.set('provenance', '');
    else url.searchParams.delete('provenance');
    const href = url.href.replace(/provenance=(?=&|#|$)/, 'provenance');
    if (href !== window.location.href) history.replaceState(history.state, '', href);
    // The panel changes the slide's scroll height on a phone; reveal.js re-measures nothing else.
    ctx?.reveal.layout();
  };
  const toggle = () => set(!root.hasAttribute('data-provenance'));
  return {
    name: 'provenance',
    setup(context) {
      // The presenter view shows the provenance beside the notes; print and the preview frame show none.
      if (context.print || isPreview() || isPresenterView()) return;
      ctx = context;
      const text = uiText(context.config.lang);
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'deck-provenance-toggle';
      button.textContent = text.provenance;
      button.title = `${text.provenanceToggle} (${PROVENANCE_KEY.key})`;
      button.setAttribute('aria-label', text.provenanceToggle);
      button.addEventListener('click', () => {
        toggle();
        button?.blur(); // give the keyboard back to the deck
      });
      document.querySelector('.reveal')?.append(button);
      context.reveal.addKeyBinding({ ...PROVENANCE_KEY, description: text.provenanceToggle }, toggle);
      set(wantsProvenance());
    },
    teardown() {
      if (ctx) ctx.reveal.removeKeyBinding(PROVENANCE_KEY.keyCode);
      button?.remove();
      root.removeAttribute('data-provenance');
    },
  };
}
