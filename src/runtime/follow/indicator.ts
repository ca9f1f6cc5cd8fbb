/** What the follow client is doing, shown on the page and in `<html data-deck-follow>`. */
export type FollowMode =
  | 'off'
  | 'connecting'
  | 'waiting'
  | 'live'
  | 'detached'
  | 'reconnecting'
  | 'offline'
  | 'presenting'
  | 'denied';

export interface IndicatorText {
  following: string;
  detached: string;
  reconnecting: string;
  /** The device has no network: the slides keep working from its cache. */
  offline: string;
  presenting: string;
  denied: string;
  rejoin: string;
  audience: string;
  /** The indicator's name for assistive technology. */
  group: string;
}

/**
 * A small status pill (live / detached / reconnecting, or presenter and audience count) and the
 * "跟随演讲 / follow live" button that rejoins; both hidden until there is a live session to show.
 */
export class FollowIndicator {
  readonly el: HTMLElement;
  private readonly status: HTMLElement;
  private readonly label: HTMLElement;
  private readonly rejoin: HTMLButtonElement;
  private audience: number | undefined;
  private mode: FollowMode = 'off';

  constructor(
    private readonly text: IndicatorText,
    onRejoin: () => void,
  ) {
    this.el = document.createElement('div');
    this.el.className = 'deck-follow';
    this.el.hidden = true;
    this.el.setAttribute('role', 'group');
    this.el.setAttribute('aria-label', text.group);
    this.status = document.createElement('span');
    this.status.className = 'deck-follow-status';
    this.status.setAttribute('role', 'status');
    const dot = document.createElement('span');
    dot.className = 'deck-follow-dot';
    dot.setAttribute('aria-hidden', 'true');
    this.label = document.createElement('span');
    this.status.append(dot, this.label);
    this.rejoin = document.createElement('button');
    this.rejoin.type = 'button';
    this.rejoin.className = 'deck-follow-rejoin';
    this.rejoin.textContent = text.rejoin;
    this.rejoin.setAttribute('aria-label', `${text.rejoin} / follow live`);
    this.rejoin.title = 'follow live';
    this.rejoin.hidden = true;
    // Keep reveal.js from taking the click as navigation on the slide beneath.
    this.rejoin.addEventListener('pointerdown', (e) => e.stopPropagation());
    this.rejoin.addEventListener('click', (e) => {
      e.stopPropagation();
      onRejoin();
    });
    this.el.append(this.status, this.rejoin);
    document.body.append(this.el);
  }

  setAudience(count: number): void {
    this.audience = count;
    this.render();
  }

  set(mode: FollowMode): void {
    this.mode = mode;
    document.documentElement.dataset.deckFollow = mode;
    this.render();
  }

  remove(): void {
    this.el.remove();
    delete document.documentElement.dataset.deckFollow;
  }

  private render(): void {
    const t = this.text;
    const labels: Partial<Record<FollowMode, string>> = {
      live: t.following,
      detached: t.detached,
      reconnecting: t.reconnecting,
      offline: t.offline,
      presenting:
        this.audience === undefined ? t.presenting : `${t.presenting} · ${this.audience} ${t.audience}`,
      denied: t.denied,
    };
    const label = labels[this.mode];
    this.el.hidden = label === undefined;
    this.el.dataset.mode = this.mode;
    this.label.textContent = label ?? '';
    this.rejoin.hidden = this.mode !== 'detached';
  }
}
