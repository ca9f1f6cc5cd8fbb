import type { RevealApi } from 'reveal.js';
import { nextStep } from './next.ts';
import { notesOf, provenanceOf } from './notes.ts';
import { NextPreview } from './preview.ts';
import { Timer } from './timer.ts';

export interface PresenterText {
  presenterView: string;
  nextSlide: string;
  nextFragment: string;
  lastSlide: string;
  notes: string;
  noNotes: string;
  provenance: string;
  elapsed: string;
  clock: string;
  slideCount: string;
  resetTimer: string;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

/**
 * The presenter view around the running deck: the deck itself is the current slide (so the keyboard drives
 * it as always), beside it the next slide or fragment, the notes in large type, the elapsed time, the clock
 * and the slide count. Built as a routed page, so no popup blocker is involved.
 */
export class PresenterView {
  private readonly root: HTMLElement;
  private readonly current: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly provenance: HTMLElement;
  private readonly count: HTMLElement;
  private readonly nextLabel: HTMLElement;
  private readonly preview: NextPreview;
  private readonly timer: Timer;
  private readonly resize: ResizeObserver;
  private readonly update = () => this.render();

  constructor(
    private readonly reveal: RevealApi,
    private readonly text: PresenterText,
    title: string,
    previewSrc: string,
    timeZone?: string,
  ) {
    document.documentElement.classList.add('deck-presenter-mode');
    this.root = el('div', 'deck-presenter');
    const bar = el('header', 'deck-presenter-bar');
    bar.append(el('span', 'deck-presenter-title', `${text.presenterView} · ${title}`));
    this.count = el('span', 'deck-presenter-count');
    bar.append(this.count);

    const left = el('div', 'deck-presenter-left');
    this.current = el('div', 'deck-presenter-current');
    const time = el('div', 'deck-presenter-time');
    const elapsed = el('span', 'deck-presenter-elapsed');
    const clock = el('span', 'deck-presenter-clock');
    const reset = el('button', 'deck-presenter-reset', text.resetTimer);
    reset.type = 'button';
    reset.addEventListener('click', () => {
      this.timer.reset();
      reset.blur(); // give the keyboard back to the deck
    });
    const cell = (label: string, value: HTMLElement, ...extra: HTMLElement[]) => {
      const c = el('div', 'deck-presenter-cell');
      c.append(el('span', 'deck-presenter-label', label), value, ...extra);
      return c;
    };
    time.append(cell(text.elapsed, elapsed, reset), cell(text.clock, clock));
    // Under the slide, beside the time: where the slide's content comes from (the notes' provenance part).
    const provenance = el('section', 'deck-presenter-provenance');
    this.provenance = el('div', 'deck-presenter-provenance-body');
    provenance.append(el('h2', 'deck-presenter-label', text.provenance), this.provenance);
    const under = el('div', 'deck-presenter-under');
    under.append(time, provenance);
    left.append(this.current, under);

    const right = el('div', 'deck-presenter-right');
    const next = el('section', 'deck-presenter-next');
    this.nextLabel = el('h2', 'deck-presenter-label', text.nextSlide);
    const frame = el('div', 'deck-presenter-frame');
    frame.append(el('p', 'deck-presenter-end', text.lastSlide));
    next.append(this.nextLabel, frame);
    const notes = el('section', 'deck-presenter-notes');
    this.notes = el('div', 'deck-presenter-notes-body');
    notes.append(el('h2', 'deck-presenter-label', text.notes), this.notes);
    right.append(next, notes);

    this.root.append(bar, left, right);
    document.body.append(this.root);
    this.preview = new NextPreview(frame, previewSrc);

    this.timer = new Timer((e, c) => {
      elapsed.textContent = e;
      clock.textContent = c;
    }, timeZone);
    this.timer.run();

    // The deck is laid over the "current" cell, wherever the layout puts it.
    this.resize = new ResizeObserver(() => this.place());
    this.resize.observe(this.current);
    window.addEventListener('resize', this.update);
    for (const e of ['slidechanged', 'fragmentshown', 'fragmenthidden', 'overviewhidden'] as const)
      reveal.on(e, this.update);
    this.place();
    this.render();
  }

  private place(): void {
    const box = this.current.getBoundingClientRect();
    const deck = this.reveal.getRevealElement() as HTMLElement | null;
    if (!deck) return;
    Object.assign(deck.style, {
      position: 'fixed',
      left: `${box.left}px`,
      top: `${box.top}px`,
      width: `${box.width}px`,
      height: `${box.height}px`,
    });
    this.reveal.layout();
  }

  private render(): void {
    const reveal = this.reveal;
    this.count.textContent = `${reveal.getSlidePastCount() + 1} / ${reveal.getTotalSlides()} ${this.text.slideCount}`;
    const step = nextStep(reveal);
    this.nextLabel.textContent =
      step.kind === 'fragment'
        ? this.text.nextFragment
        : step.kind === 'end'
          ? this.text.lastSlide
          : this.text.nextSlide;
    this.preview.show(step);
    const notes = notesOf(reveal.getCurrentSlide() as HTMLElement | undefined);
    this.notes.replaceChildren(...(notes ?? [el('p', 'deck-presenter-none', this.text.noNotes)]));
    this.notes.scrollTop = 0;
    const provenance = provenanceOf(reveal.getCurrentSlide() as HTMLElement | undefined);
    this.provenance.replaceChildren(...(provenance ?? []));
    this.provenance.parentElement!.hidden = !provenance;
  }

  remove(): void {
    this.timer.stop();
    this.resize.disconnect();
    window.removeEventListener('resize', this.update);
    for (const e of ['slidechanged', 'fragmentshown', 'fragmenthidden', 'overviewhidden'] as const)
      this.reveal.off(e, this.update);
    this.root.remove();
    document.documentElement.classList.remove('deck-presenter-mode');
    (this.reveal.getRevealElement() as HTMLElement | null)?.removeAttribute('style');
  }
}
