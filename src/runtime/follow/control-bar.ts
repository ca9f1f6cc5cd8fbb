export interface ControlText {
  pointer: string;
  inControl: string;
  viewing: string;
  takeOver: string;
}

/**
 * The presenter view's hand-over and pointer controls, in its top bar: whether this presenter has control (or
 * watches another's), a button to take over, and the pointer's switch. `data-control` on the bar (`mine`,
 * `theirs`, `none` while the relay has not said) is what tests wait on.
 */
export class ControlBar {
  private readonly root: HTMLElement;
  private readonly status: HTMLElement;
  private readonly take: HTMLButtonElement;
  private readonly pointer: HTMLButtonElement;

  constructor(
    host: HTMLElement,
    private readonly text: ControlText,
    actions: { take(): void; pointer(): void },
  ) {
    this.root = document.createElement('div');
    this.root.className = 'deck-presenter-control';
    this.root.dataset.control = 'none';
    this.status = document.createElement('span');
    this.status.className = 'deck-presenter-control-status';
    this.status.setAttribute('role', 'status');
    const button = (className: string, label: string, action: () => void) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = className;
      b.textContent = label;
      b.addEventListener('click', () => {
        action();
        b.blur(); // give the keyboard back to the deck
      });
      return b;
    };
    this.take = button('deck-presenter-take', text.takeOver, actions.take);
    this.pointer = button('deck-presenter-pointer', text.pointer, actions.pointer);
    this.pointer.setAttribute('aria-pressed', 'false');
    this.root.append(this.status, this.take, this.pointer);
    this.root.hidden = true;
    host.append(this.root);
  }

  /** `mine`: this presenter drives; `theirs`: another took over; `none`: a relay that knows no control. */
  set(control: 'mine' | 'theirs' | 'none', pointerOn: boolean): void {
    this.root.hidden = control === 'none';
    this.root.dataset.control = control;
    this.status.textContent = control === 'theirs' ? this.text.viewing : this.text.inControl;
    this.take.hidden = control !== 'theirs';
    this.pointer.hidden = control !== 'mine';
    this.pointer.setAttribute('aria-pressed', String(pointerOn));
  }

  remove(): void {
    this.root.remove();
  }
}
