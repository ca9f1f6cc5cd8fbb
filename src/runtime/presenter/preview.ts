import type { RevealApi } from 'reveal.js';
import type { NextStep } from './next.ts';

/**
 * The next slide (or fragment) in a frame: the same deck page opened with `?preview`, moved with its own
 * reveal.js API once ready. `data-shown="h/v/f"` on the host says what the frame shows.
 */
export class NextPreview {
  readonly frame: HTMLIFrameElement;
  private wanted: NextStep | undefined;
  private ready = false;

  constructor(
    private readonly host: HTMLElement,
    src: string,
  ) {
    this.frame = document.createElement('iframe');
    this.frame.title = 'next';
    this.frame.tabIndex = -1;
    this.frame.setAttribute('aria-hidden', 'true');
    this.frame.addEventListener('load', () => this.waitReady());
    this.frame.src = src;
    host.append(this.frame);
  }

  show(step: NextStep): void {
    this.wanted = step;
    this.host.dataset.kind = step.kind;
    this.sync();
  }

  private waitReady(): void {
    const doc = this.frame.contentDocument;
    if (!doc) return;
    const check = () => {
      if (doc.documentElement.dataset.deckReady !== 'true') return false;
      this.ready = true;
      this.sync();
      return true;
    };
    if (check()) return;
    const observer = new MutationObserver(() => check() && observer.disconnect());
    observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['data-deck-ready'] });
  }

  private sync(): void {
    const reveal = this.frame.contentWindow?.Reveal as RevealApi | undefined;
    const step = this.wanted;
    if (!this.ready || !reveal || !step || step.kind === 'end') return;
    reveal.slide(step.h, step.v, step.f);
    const at = reveal.getIndices();
    this.host.dataset.shown = `${at.h}/${at.v ?? 0}/${typeof at.f === 'number' ? at.f : -1}`;
  }
}
