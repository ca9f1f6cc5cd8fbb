import { expect, type Page } from '@playwright/test';

export interface Indices {
  h: number;
  v: number;
  f: number | undefined;
}

/**
 * Opens the deck at a hash and waits for its readiness signal (never a sleep), then, as tests visit other
 * slides, for the rest of its font (`data-deck-complete`).
 */
export async function openDeck(page: Page, path = '/', hash = ''): Promise<void> {
  await page.goto(`${path}${hash ? `#${hash}` : ''}`);
  await page.waitForFunction(() => document.documentElement.dataset.deckReady !== undefined);
  const state = await page.evaluate(() => document.documentElement.dataset);
  expect(state.deckError ?? '', 'deck error').toBe('');
  expect(state.deckReady).toBe('true');
  await page.waitForFunction(() => document.documentElement.dataset.deckComplete === 'true');
}

export function indices(page: Page): Promise<Indices> {
  return page.evaluate(() => {
    const i = window.Reveal.getIndices();
    return { h: i.h, v: i.v ?? 0, f: i.f };
  });
}

/** Every slide as [h, v], vertical ones included. */
export function allSlides(page: Page): Promise<[number, number][]> {
  return page.evaluate(() =>
    window.Reveal.getSlides().map((s) => {
      const i = window.Reveal.getIndices(s);
      return [i.h, i.v ?? 0] as [number, number];
    }),
  );
}

/** Goes to a slide and waits until reveal.js has made it the present one. */
export async function goTo(page: Page, h: number, v = 0, f?: number): Promise<void> {
  await page.evaluate(([h, v, f]) => window.Reveal.slide(h!, v!, f), [h, v, f] as const);
  await page.waitForFunction(
    ([h, v]) => {
      const i = window.Reveal.getIndices();
      return i.h === h && (i.v ?? 0) === v && !document.querySelector('.reveal .slides.transitioning');
    },
    [h, v] as const,
  );
}
