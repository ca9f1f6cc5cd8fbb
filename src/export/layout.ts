import type { DeckPage } from './page.ts';

/** One page of the print view: a slide (at a fragment step) or the speaker notes of the slide before it. */
export interface PrintedPage {
  kind: 'slide' | 'notes';
  /** The slide's index in the deck (vertical slides counted), 0-based. */
  slide: number;
  /** Fragment step: 0 is the slide with no fragment shown (or all shown, without --fragments); for notes, the page of them. */
  step: number;
  title: string;
  /** Outline section (front matter `section`, else the file's title). */
  section: string;
  /** `file:start-end` of the slide's markdown. */
  source: string;
}

/** What the PDF needs to know of the printed deck. */
export interface PrintedDeck {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  lang: string;
  slides: number;
  pages: PrintedPage[];
}

/**
 * Runs in the page once it is ready (so no named inner functions: tsx would wrap them in a helper the page
 * lacks). Settles reveal.js's print view: a slide's notes page goes after its last fragment step (reveal.js
 * puts it after the first), under the slide's title; pages are numbered as the screen numbers slides
 * (`c/t`; a fragment step keeps its slide's number). Then lists the pages in order, with the slide each shows.
 */
function readPrintedDeck(): PrintedDeck {
  const config = JSON.parse(document.getElementById('deck-config')?.textContent ?? '{}') as {
    title?: string;
    outline?: { source: string; title: string; section: string }[];
  };
  // By source, not position: reveal.js drops hidden slides from the page, the outline keeps them.
  const outline = new Map((config.outline ?? []).map((o) => [o.source, o]));
  const meta: Record<string, string> = {};
  for (const el of document.querySelectorAll('meta[name]'))
    meta[el.getAttribute('name') ?? ''] = el.getAttribute('content') ?? '';
  for (const notes of document.querySelectorAll(
    '.reveal .slides .speaker-notes-pdf[data-layout="separate-page"]',
  )) {
    const source =
      notes.previousElementSibling?.querySelector<HTMLElement>('section[data-source]')?.dataset.source;
    let last: Element = notes;
    for (
      let next = notes.nextElementSibling;
      next?.classList.contains('pdf-page') &&
      next.querySelector<HTMLElement>('section[data-source]')?.dataset.source === source;
      next = next.nextElementSibling
    )
      last = next;
    if (last !== notes) last.after(notes);
    // The notes' provenance part goes on the notes page too, after the spoken notes and under its label.
    const provenance = notes.previousElementSibling?.querySelector(
      'section[data-source] > aside.provenance-note',
    );
    if (provenance && !notes.querySelector('.speaker-notes-provenance')) {
      const part = document.createElement('div');
      part.className = 'speaker-notes-provenance';
      part.dataset.label = provenance.getAttribute('data-label') ?? '';
      part.append(...[...provenance.childNodes].map((n) => n.cloneNode(true)));
      notes.append(part);
    }
  }
  const slideIndex = new Map<string, number>();
  const steps = new Map<number, number>();
  const pages: PrintedPage[] = [];
  const elements = document.querySelectorAll<HTMLElement>(
    '.reveal .slides .pdf-page, .reveal .slides .speaker-notes-pdf[data-layout="separate-page"]',
  );
  const sources = [...elements].map(
    (el) => el.querySelector<HTMLElement>('section[data-source]')?.dataset.source,
  );
  const total = new Set(sources.filter((s) => s !== undefined)).size;
  const pageHeight =
    document.querySelector('.reveal .slides .pdf-page')?.getBoundingClientRect().height || 1080;
  for (const el of elements) {
    const last = pages[pages.length - 1];
    if (el.classList.contains('speaker-notes-pdf')) {
      if (!last) continue;
      el.dataset.slideTitle = last.title;
      // Long notes flow onto more than one page.
      const count = Math.max(1, Math.ceil(el.getBoundingClientRect().height / pageHeight - 0.01));
      for (let i = 0; i < count; i++) pages.push({ ...last, kind: 'notes', step: i });
      continue;
    }
    const section = el.querySelector<HTMLElement>('section[data-source]');
    const source = section?.dataset.source ?? '';
    let slide = slideIndex.get(source);
    if (slide === undefined) {
      slide = slideIndex.size;
      slideIndex.set(source, slide);
    }
    const step = steps.get(slide) ?? 0;
    steps.set(slide, step + 1);
    const heading = section
      ?.querySelector('h1, h2, h3, h4, h5, h6')
      ?.textContent?.replace(/\s+/g, ' ')
      .trim();
    const entry = outline.get(source);
    const title = entry?.title || heading || source;
    pages.push({ kind: 'slide', slide, step, title, section: entry?.section || title, source });
    const number = el.querySelector('.slide-number-pdf');
    if (number) {
      number.innerHTML =
        `<span class="slide-number-a">${slide + 1}</span>` +
        '<span class="slide-number-delimiter">/</span>' +
        `<span class="slide-number-b">${total}</span>`;
    }
  }
  return {
    title: config.title || document.title,
    author: meta.author ?? '',
    subject: meta.description ?? '',
    keywords: meta.keywords ?? '',
    lang: document.documentElement.lang,
    slides: slideIndex.size,
    pages,
  };
}

export function printedDeck(page: DeckPage): Promise<PrintedDeck> {
  return page.evaluate(`(${readPrintedDeck})()`);
}
