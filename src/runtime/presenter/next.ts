import type { RevealApi } from 'reveal.js';

export interface NextStep {
  /** `fragment`: the next fragment of this slide; `slide`: the next slide; `end`: nothing follows. */
  kind: 'fragment' | 'slide' | 'end';
  h: number;
  v: number;
  f: number;
}

/** What the presenter's next key press shows: the next fragment here, else the next slide in reading order. */
export function nextStep(reveal: RevealApi): NextStep {
  const slide = reveal.getCurrentSlide();
  const here = reveal.getIndices();
  const f = typeof here.f === 'number' ? here.f : -1;
  const last = Math.max(
    -1,
    ...[...(slide?.querySelectorAll<HTMLElement>('.fragment') ?? [])].map((el) =>
      Number(el.dataset.fragmentIndex ?? -1),
    ),
  );
  if (f < last) return { kind: 'fragment', h: here.h, v: here.v ?? 0, f: f + 1 };
  // getSlides() is in reading order: down a vertical stack, then on to the next one.
  const slides = reveal.getSlides();
  const next = slide ? slides[slides.indexOf(slide) + 1] : undefined;
  if (!next) return { kind: 'end', h: here.h, v: here.v ?? 0, f };
  const at = reveal.getIndices(next);
  return { kind: 'slide', h: at.h, v: at.v ?? 0, f: -1 };
}
