import { uiText } from '../../i18n/ui-text.ts';
import { isReader, LAYOUT_EVENT } from '../layout.ts';
import type { DeckContext, DeckPart } from '../part.ts';

/** Set on an image that opens whole: the marker the theme (lightbox.css) and tests key on. */
export const LIGHTBOX_ATTR = 'data-lightbox';

/** The images of the slides a reader can open: not a block's drawing, not a link's picture (a tap follows it). */
const OPENABLE = `.reveal .slides section img:not([data-block] *):not(a *)`;

/**
 * Media on a phone (the reader layout): an image is drawn at the column's width (reader.css), so a tap (or
 * Enter on it, focused) opens it whole in a dialog, as large as the screen allows, where the browser's pinch
 * zoom works; a tap anywhere on it, its close button or Escape closes it and gives focus back to the image. A
 * frame keeps the ratio its width and height attributes give as its width gives way.
 */
export function lightbox(): DeckPart {
  const offs: (() => void)[] = [];
  let dialog: HTMLDialogElement | undefined;
  let opener: HTMLImageElement | undefined;

  const close = () => {
    if (!dialog?.open) return;
    dialog.close();
  };

  return {
    name: 'lightbox',
    setup(ctx: DeckContext) {
      if (ctx.print) return;
      const text = uiText(ctx.config.lang);

      dialog = document.createElement('dialog');
      dialog.className = 'deck-lightbox';
      dialog.setAttribute('aria-label', text.imageWhole);
      const shown = document.createElement('img');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'deck-lightbox-close';
      button.textContent = text.close;
      dialog.append(button, shown);
      document.body.append(dialog);
      const box = dialog;
      // Any tap closes it: the image is there to be seen, not used.
      box.addEventListener('click', close);
      box.addEventListener('close', () => {
        delete document.documentElement.dataset.lightbox;
        shown.removeAttribute('src');
        opener?.focus({ preventScroll: true });
        opener = undefined;
      });

      const open = (img: HTMLImageElement) => {
        opener = img;
        shown.src = img.currentSrc || img.src;
        shown.alt = img.alt;
        box.showModal();
        document.documentElement.dataset.lightbox = 'open';
        button.focus();
      };

      // Marks the openable images while the page is in the reader layout, and only then.
      const mark = () => {
        const on = isReader();
        for (const img of document.querySelectorAll<HTMLImageElement>(OPENABLE)) {
          if (on) {
            img.setAttribute(LIGHTBOX_ATTR, '');
            // An image with no text (alt="") is decoration to a screen reader, and may not be a button: a tap
            // opens it all the same.
            if (!img.alt) continue;
            img.setAttribute('tabindex', '0');
            img.setAttribute('role', 'button');
            img.setAttribute('aria-label', `${text.imageOpen}: ${img.alt}`);
          } else if (img.hasAttribute(LIGHTBOX_ATTR)) {
            for (const a of [LIGHTBOX_ATTR, 'tabindex', 'role', 'aria-label']) img.removeAttribute(a);
          }
        }
        for (const frame of document.querySelectorAll<HTMLIFrameElement>('.reveal .slides section iframe')) {
          const w = Number(frame.getAttribute('width'));
          const h = Number(frame.getAttribute('height'));
          if (w > 0 && h > 0) frame.style.setProperty('--frame-ratio', `${w} / ${h}`);
        }
      };
      mark();
      // A phone turned, or the dev server replaced the slides.
      for (const type of [LAYOUT_EVENT, 'deck:updated']) {
        document.addEventListener(type, mark);
        offs.push(() => document.removeEventListener(type, mark));
      }

      const target = (e: Event) => {
        const img = (e.target as Element | null)?.closest?.<HTMLImageElement>(`img[${LIGHTBOX_ATTR}]`);
        return img && isReader() ? img : undefined;
      };
      const onClick = (e: MouseEvent) => {
        const img = target(e);
        if (!img) return;
        e.preventDefault();
        open(img);
      };
      // Captured before reveal.js's own keys: Escape would open its overview, arrows move the deck behind.
      const onKey = (e: KeyboardEvent) => {
        if (box.open) {
          if (e.key === 'Escape') close();
          if (e.key !== 'Tab') {
            e.stopImmediatePropagation();
            if (e.key !== 'Enter' && e.key !== ' ') e.preventDefault();
          }
          return;
        }
        const img = target(e);
        if (img && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          e.stopImmediatePropagation();
          open(img);
        }
      };
      document.addEventListener('click', onClick);
      window.addEventListener('keydown', onKey, true);
      offs.push(() => {
        document.removeEventListener('click', onClick);
        window.removeEventListener('keydown', onKey, true);
      });
    },
    teardown() {
      for (const off of offs.splice(0)) off();
      dialog?.remove();
      dialog = undefined;
    },
  };
}
