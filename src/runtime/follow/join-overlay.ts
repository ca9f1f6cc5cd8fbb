import { qrSvg } from './qr.ts';

/**
 * The join overlay (key J for a presenter): the audience URL as a large QR code and as text. The QR code is
 * drawn when first shown.
 */
export class JoinOverlay {
  private el: HTMLElement | undefined;
  private url: string;
  private drawn: Promise<void> | undefined;

  constructor(
    url: string,
    private readonly title: string,
    private readonly onClose: () => void,
  ) {
    this.url = url;
  }

  get isOpen(): boolean {
    return Boolean(this.el && !this.el.hidden);
  }

  /** The relay may advertise a better URL (its LAN address) than this page's own. */
  setUrl(url: string): void {
    if (url === this.url) return;
    this.url = url;
    this.el?.remove();
    this.el = undefined;
    this.drawn = undefined;
  }

  toggle(open: boolean): void {
    if (open === this.isOpen) return;
    if (!open) {
      this.el!.hidden = true;
      return;
    }
    const el = this.build();
    el.hidden = false;
    this.drawn ??= qrSvg(this.url).then((svg) => {
      el.querySelector('.deck-join-code')?.append(svg);
      el.dataset.ready = 'true';
    });
  }

  /** Resolves once the QR code is drawn (for the deck's readiness and tests). */
  ready(): Promise<void> {
    return this.drawn ?? Promise.resolve();
  }

  remove(): void {
    this.el?.remove();
  }

  private build(): HTMLElement {
    if (this.el) return this.el;
    const el = document.createElement('div');
    el.className = 'deck-join';
    el.setAttribute('role', 'dialog');
    el.setAttribute('aria-label', this.title);
    const title = document.createElement('p');
    title.className = 'deck-join-title';
    title.textContent = this.title;
    const code = document.createElement('div');
    code.className = 'deck-join-code';
    const url = document.createElement('p');
    url.className = 'deck-join-url';
    url.textContent = this.url;
    el.append(title, code, url);
    el.addEventListener('click', () => this.onClose());
    document.body.append(el);
    this.el = el;
    return el;
  }
}
