import { DeckError } from '../compiler/diagnostics.ts';
import type { DeckPage } from './page.ts';

/** A slide that has not drawn what it must, and what it still waits for. */
export interface PendingSlide {
  source: string;
  title: string;
  waiting: string[];
}

/**
 * Runs in the page. The deck is ready to print when the runtime says so (`data-deck-ready`: reveal.js, fonts,
 * every part), reveal.js has laid the slides out as pages, no block says it is still drawing
 * (`data-block-state="pending"`, whichever block) and every image has loaded.
 */
function settled(): 'ready' | 'error' | null {
  const state = document.documentElement?.dataset.deckReady; // none yet: the document has just committed
  if (state === 'error') return 'error';
  if (state !== 'true' || !document.querySelector('.reveal .pdf-page')) return null;
  if (document.querySelector('[data-block-state="pending"]')) return null;
  return [...document.images].every((img) => img.complete) ? 'ready' : null;
}

/** Runs in the page: each slide still waiting for something, by its source location and title. */
function pendingSlides(): PendingSlide[] {
  const started = document.documentElement.dataset.deckReady !== undefined;
  const slides = [...document.querySelectorAll<HTMLElement>('.reveal .slides section[data-source]')];
  const seen = new Set<string>();
  const pending: PendingSlide[] = [];
  for (const slide of slides) {
    const source = slide.dataset.source ?? '';
    if (seen.has(source)) continue;
    seen.add(source);
    const waiting: string[] = [];
    for (const img of slide.querySelectorAll('img'))
      if (!img.complete) waiting.push(`image ${img.getAttribute('src') ?? ''} not loaded`);
    // Any block whose runtime has still to draw it says so (BLOCK_STATE_ATTR; this runs in the page as source).
    for (const el of slide.querySelectorAll<HTMLElement>('[data-block-state="pending"]'))
      waiting.push(`${el.dataset.block ?? 'block'} ${el.id || ''} not drawn`.replace(/\s+$/, ''));
    if (waiting.length > 0 || !started) {
      const title = slide.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.trim() ?? '';
      pending.push({ source, title, waiting });
    }
  }
  return pending;
}

export function describePending(pending: PendingSlide[], limit = 8): string {
  const lines = pending
    .slice(0, limit)
    .map(
      (p) =>
        `  ${p.source}${p.title ? ` "${p.title}"` : ''}${p.waiting.length > 0 ? `: ${p.waiting.join('; ')}` : ''}`,
    );
  if (pending.length > limit) lines.push(`  … and ${pending.length - limit} more`);
  return lines.join('\n');
}

/**
 * Runs in the page: resolves with `settled()`'s answer as soon as it has one, checked again on every change
 * to the document (the ready attribute, reveal.js's pages) and every image that loads or fails: no polling.
 */
const UNTIL_SETTLED = `new Promise((resolve) => {
  const settled = ${settled.toString()};
  const check = () => {
    const state = settled();
    if (!state) return;
    observer.disconnect();
    document.removeEventListener('load', check, true);
    document.removeEventListener('error', check, true);
    resolve(state);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('load', check, true);
  document.addEventListener('error', check, true);
  check();
})`;

/** `promise`'s value, or `otherwise` when it has none after `ms`. */
async function within<T, U>(promise: Promise<T>, ms: number, otherwise: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<U>((resolve) => {
    timer = setTimeout(() => resolve(otherwise), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Waits for the deck's own readiness signal, never a sleep or network idle. On timeout or a deck error the
 * DeckError names the slides that did not become ready, and what each still waited for.
 */
export async function waitForDeck(
  page: DeckPage,
  timeoutSeconds: number,
  errors: string[] = [],
): Promise<void> {
  const state = await within(page.evaluate<'ready' | 'error'>(UNTIL_SETTLED), timeoutSeconds * 1000, null);
  if (state === 'ready') return;
  // A page stuck in a loop answers nothing: the message goes out without what it would have said.
  const pending = await within(
    page.evaluate<PendingSlide[]>(`(${pendingSlides})()`).catch(() => []),
    5000,
    [] as PendingSlide[],
  );
  const deckError = await within(
    page.evaluate<string>('document.documentElement.dataset.deckError ?? ""').catch(() => ''),
    5000,
    '',
  );
  const reason =
    state === 'error'
      ? `the deck failed to start: ${deckError || 'no reason given'}`
      : `the deck did not become ready within ${timeoutSeconds} s`;
  const which =
    pending.length > 0
      ? `\nslides not ready:\n${describePending(pending)}`
      : '\n(no slide reports what it waits for: is the built site complete? rebuild with npm run build)';
  const logged = errors.length > 0 ? `\npage errors:\n  ${errors.slice(-5).join('\n  ')}` : '';
  throw new DeckError(
    `${reason}${which}${logged}\nraise the limit with --timeout SECONDS if the deck is only slow`,
    [],
    1,
  );
}
