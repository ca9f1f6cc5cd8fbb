import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import { outsideDeck, readSlideShape } from '../../src/server/slides.ts';
import { allSlides, goTo, openDeck } from './deck.ts';

/**
 * Follow-along end to end: a presenter and two audiences (a laptop and a 390×844 phone), each its own browser
 * context, on a server of their own (so the shared test server's relay never holds a live state that would
 * move other specs' pages). The server is the one `npm start` runs: serveDeck with the relay.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (await resolveDeckConfig(root)).outDir;
const TOKEN = 'follow-spec-token-0123456789';
const FOLLOW_MS = 1000;

interface State {
  h: number;
  v: number;
  f: number;
  overview: boolean;
  paused: boolean;
}

const state = (page: Page): Promise<State> =>
  page.evaluate(() => {
    const r = window.Reveal;
    const i = r.getIndices();
    return {
      h: i.h,
      v: i.v ?? 0,
      f: typeof i.f === 'number' ? i.f : -1,
      overview: r.isOverview(),
      paused: r.isPaused(),
    };
  });

const mode = (page: Page) => page.evaluate(() => document.documentElement.dataset.deckFollow);

async function open(browser: Browser, url: string, viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await openDeck(page, url);
  return { context, page };
}

/** Every audience shows the presenter's state within a second (polled, never slept). */
async function match(presenter: Page, ...audiences: Page[]) {
  const want = await state(presenter);
  for (const a of audiences) await expect.poll(() => state(a), { timeout: FOLLOW_MS }).toEqual(want);
  return want;
}

let server: RunningDeck;
const contexts: BrowserContext[] = [];

test.beforeEach(async () => {
  server = await serveDeck({ root: dist, port: 0, relay: { token: TOKEN } });
});

test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await server.close();
});

/** A presenter page (the deck opened with the token) and two audiences, all connected. */
async function session(browser: Browser) {
  const base = server.url;
  const p = await open(browser, `${base}?token=${TOKEN}`);
  const a = await open(browser, base);
  const phone = await open(browser, base, { width: 390, height: 844 });
  contexts.push(p.context, a.context, phone.context);
  await expect.poll(() => mode(p.page)).toBe('presenting');
  for (const page of [a.page, phone.page]) await expect.poll(() => mode(page)).toBe('live');
  return { presenter: p.page, audience: a.page, phone: phone.page };
}

test('audiences follow the presenter: fast key repeats, vertical slides, fragments, overview, pause', async ({
  browser,
}) => {
  const { presenter, audience, phone } = await session(browser);
  // The token was taken out of the address bar.
  expect(presenter.url()).not.toContain(TOKEN);
  await match(presenter, audience, phone);

  // Fast key repeats: every press is a state; the audiences end where the presenter ends.
  for (let i = 0; i < 8; i++) await presenter.keyboard.press('ArrowRight');
  await match(presenter, audience, phone);
  for (let i = 0; i < 8; i++) await presenter.keyboard.press('ArrowLeft');
  expect((await match(presenter, audience, phone)).h).toBe(0);

  // Vertical slides.
  const slides = await allSlides(presenter);
  const [h] = slides.find(([, v]) => v === 1)!;
  await goTo(presenter, h, 0);
  await match(presenter, audience, phone);
  await presenter.keyboard.press('ArrowDown');
  expect(await match(presenter, audience, phone)).toMatchObject({ h, v: 1 });

  // Fragments, one by one and back.
  const withFragments = await presenter.evaluate(() =>
    window.Reveal.getSlides().findIndex((s) => s.querySelector('.fragment')),
  );
  expect(withFragments, 'the deck has a slide with fragments').toBeGreaterThanOrEqual(0);
  const at = await presenter.evaluate(
    (i) => window.Reveal.getIndices(window.Reveal.getSlides()[i]),
    withFragments,
  );
  await goTo(presenter, at.h, at.v ?? 0, -1);
  expect(await match(presenter, audience, phone)).toMatchObject({ f: -1 });
  await presenter.keyboard.press('ArrowRight');
  expect(await match(presenter, audience, phone)).toMatchObject({ f: 0 });
  await presenter.keyboard.press('ArrowRight');
  expect(await match(presenter, audience, phone)).toMatchObject({ f: 1 });
  await presenter.keyboard.press('ArrowLeft');
  expect(await match(presenter, audience, phone)).toMatchObject({ f: 0 });

  // Overview on and off, and a move inside it.
  await presenter.keyboard.press('Escape');
  expect(await match(presenter, audience, phone)).toMatchObject({ overview: true });
  await presenter.keyboard.press('ArrowRight');
  await match(presenter, audience, phone);
  await presenter.keyboard.press('Escape');
  expect(await match(presenter, audience, phone)).toMatchObject({ overview: false });

  // Pause (the blackout key) and resume.
  await presenter.keyboard.press('b');
  expect(await match(presenter, audience, phone)).toMatchObject({ paused: true });
  await presenter.keyboard.press('b');
  expect(await match(presenter, audience, phone)).toMatchObject({ paused: false });

  // The phone shows the presenter's slide in the reader layout, not reveal.js's scroll view.
  expect(
    await phone.evaluate(() => (window.Reveal as unknown as { isScrollView(): boolean }).isScrollView()),
  ).toBe(false);
  expect(await phone.evaluate(() => document.documentElement.dataset.layout)).toBe('reader');
  await expect(phone.locator('.deck-follow')).toBeVisible();
});

test('an audience that navigates detaches only itself, and the rejoin control brings it back', async ({
  browser,
}) => {
  const { presenter, audience, phone } = await session(browser);
  await goTo(presenter, 0, 0);
  await match(presenter, audience, phone);
  const rejoin = phone.getByRole('button', { name: /跟随演讲 \/ follow live/ });
  await expect(rejoin).toBeHidden();

  // The deck moving by itself, with no input from its user, is put back rather than taken as leaving.
  await audience.evaluate(() => window.Reveal.next());
  await expect.poll(() => state(audience), { timeout: FOLLOW_MS }).toEqual(await state(presenter));
  expect(await mode(audience)).toBe('live');

  // The phone user taps reveal.js's "next" control: only the phone detaches.
  await phone.locator('.reveal .controls .navigate-right').click();
  await expect.poll(() => mode(phone)).toBe('detached');
  await expect(rejoin).toBeVisible();
  await expect(phone.locator('.deck-follow-status')).toHaveText('已脱离');
  const own = await state(phone);
  expect(own).not.toEqual(await state(presenter));
  expect(await state(presenter)).toMatchObject({ h: 0, v: 0 });
  expect(await mode(audience)).toBe('live');

  // The presenter moves on: the other audience follows, the detached phone stays where its user put it.
  await presenter.keyboard.press('ArrowRight');
  await presenter.keyboard.press('ArrowRight');
  const live = await match(presenter, audience);
  expect(await state(phone)).toEqual(own);

  // A key press on the laptop audience detaches it too, and moves nobody else.
  await audience.keyboard.press('Home');
  await expect.poll(() => mode(audience)).toBe('detached');
  expect(await state(presenter)).toEqual(live);

  // Rejoin: straight to the live slide, following again.
  await rejoin.click();
  await expect.poll(() => state(phone), { timeout: FOLLOW_MS }).toEqual(live);
  await expect.poll(() => mode(phone)).toBe('live');
  await expect(rejoin).toBeHidden();
  await presenter.keyboard.press('ArrowLeft');
  await match(presenter, phone);
  expect(await mode(audience)).toBe('detached');
});

test('a forged state or a wrong token from an audience changes nothing', async ({ browser }) => {
  const { presenter, audience, phone } = await session(browser);
  await goTo(presenter, 0, 0);
  await match(presenter, audience, phone);
  await audience.evaluate(() => {
    const w = window as unknown as { visited: number[] };
    w.visited = [];
    window.Reveal.on('slidechanged', () => w.visited.push(window.Reveal.getIndices().h));
  });

  // From the phone's own origin, a hand-made connection: as an audience, then claiming a wrong token.
  const closes = await phone.evaluate(async () => {
    const url = `ws://${location.host}/follow`;
    const attempt = (hello: object) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => {
          ws.send(JSON.stringify(hello));
          ws.send(
            JSON.stringify({
              v: 1,
              t: 'state',
              seq: 1e6,
              state: { h: 2, v: 0, f: -1, overview: true, paused: false },
            }),
          );
        };
        ws.onclose = (e) => resolve(e.code);
      });
    return [
      await attempt({ v: 1, t: 'hello', role: 'audience' }),
      await attempt({ v: 1, t: 'hello', role: 'presenter', token: 'guess' }),
    ];
  });
  expect(closes).toEqual([1008, 4003]);

  // The session goes on as if nothing happened: the next real move arrives, and the forged one never did.
  await presenter.keyboard.press('ArrowRight');
  await match(presenter, audience, phone);
  expect(await audience.evaluate(() => (window as unknown as { visited: number[] }).visited)).toEqual([1]);
  expect(server.relay!.latest.state).toMatchObject({ h: 1, overview: false });
});

test('after a server restart audiences reconnect and resync from the presenter', async ({ browser }) => {
  const { presenter, audience, phone } = await session(browser);
  await goTo(presenter, 1, 0);
  await match(presenter, audience, phone);
  const port = Number(new URL(server.url).port);

  await server.close();
  for (const page of [presenter, audience, phone]) await expect.poll(() => mode(page)).toBe('reconnecting');
  await expect(audience.locator('.deck-follow-status')).toHaveText('重新连接中');
  // While the relay is down the presenter moves on.
  await presenter.keyboard.press('ArrowRight');

  server = await serveDeck({ root: dist, port, relay: { token: TOKEN } });
  await expect.poll(() => mode(presenter), { timeout: 15_000 }).toBe('presenting');
  for (const page of [audience, phone]) await expect.poll(() => mode(page), { timeout: 15_000 }).toBe('live');
  // The reconnected presenter's state is the truth the new relay resyncs everyone from.
  await match(presenter, audience, phone);
  await presenter.keyboard.press('ArrowRight');
  await match(presenter, audience, phone);
});

test('J shows the audience URL as a QR code on presenter pages, not on audiences', async ({ browser }) => {
  const { presenter, audience } = await session(browser);
  // A second presenter page: the deck on the projector, opened with the token, driven from the first.
  const projector = await open(browser, `${server.url}?token=${TOKEN}`);
  contexts.push(projector.context);
  await expect.poll(() => mode(projector.page)).toBe('presenting');

  await presenter.keyboard.press('j');
  for (const page of [presenter, projector.page]) {
    const overlay = page.locator('.deck-join[data-ready="true"]');
    await expect(overlay).toBeVisible();
    await expect(overlay.locator('svg path')).toHaveCount(1);
    await expect(overlay.locator('.deck-join-url')).toHaveText(server.url);
  }
  await expect(audience.locator('.deck-join')).toHaveCount(0);

  // J again closes it everywhere; the projector keeps following the presenter's slides.
  await presenter.keyboard.press('j');
  await expect(projector.page.locator('.deck-join')).toBeHidden();
  await presenter.keyboard.press('ArrowRight');
  await match(presenter, projector.page, audience);
});

test('served from a plain static host the deck has no follow-along and no failed request', async ({
  browser,
}) => {
  const plain = await serveDeck({ root: dist, port: 0 });
  try {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openDeck(page, `${plain.url}?token=${TOKEN}`);
    await expect.poll(() => mode(page)).toBe('off');
    await expect(page.locator('.deck-follow')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await plain.close();
  }
});

test('the build’s slide manifest holds every place reveal.js goes; the relay refuses a state past it', async ({
  browser,
}) => {
  const { presenter, audience, phone } = await session(browser);
  const shape = readSlideShape(dist);
  expect(shape, 'the build wrote deck-slides.json').toBeDefined();
  // Every slide, stepped by reveal.js itself to its last fragment, on a page of its own (it detaches).
  const solo = await open(browser, server.url);
  contexts.push(solo.context);
  const places = await solo.page.evaluate(() =>
    window.Reveal.getSlides().map((s) => {
      const { h, v = 0 } = window.Reveal.getIndices(s);
      window.Reveal.slide(h, v, -1);
      while (window.Reveal.nextFragment()) {}
      const f = window.Reveal.getIndices().f;
      return { h, v, f: typeof f === 'number' ? f : -1 };
    }),
  );
  expect(places.length).toBe(shape!.flat().length);
  for (const p of places)
    expect(outsideDeck({ ...p, overview: false, paused: false }, shape!), JSON.stringify(p)).toBeUndefined();

  // The richest slide at its last fragment reaches the audiences (reveal.js may group that slide's fragments
  // into fewer steps once its blocks are laid out: the count of fragment elements bounds both).
  const last = places.reduce((a, b) => (b.f > a.f ? b : a));
  expect(last.f).toBeGreaterThan(0);
  await goTo(presenter, last.h, last.v, last.f);
  const reached = await match(presenter, audience, phone);
  expect(reached).toMatchObject({ h: last.h, v: last.v });
  expect(reached.f).toBeGreaterThan(0);

  // A hand-made presenter state one slide past the end, from the presenter's own seat (so control is not what
  // refuses it): refused to its sender, and nobody moves.
  const seat = await presenter.evaluate(() => localStorage.getItem('deck-presenter-seat'));
  expect(seat).toBeTruthy();
  const answer = await phone.evaluate(
    ([token, h, seat]) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/follow?v=2&seat=${seat}`);
        ws.onopen = () => {
          ws.send(JSON.stringify({ v: 1, t: 'hello', role: 'presenter', token }));
          const state = { h, v: 0, f: -1, overview: false, paused: false };
          ws.send(JSON.stringify({ v: 1, t: 'state', seq: 1, state }));
        };
        ws.onmessage = (e) => {
          const m = JSON.parse(String(e.data));
          if (m.t === 'refused' || m.t === 'ack') resolve(`${m.t}: ${m.reason ?? ''}`);
        };
      }),
    [TOKEN, shape!.length, seat] as const,
  );
  expect(answer).toBe(`refused: h ${shape!.length} is past the deck's last slide (${shape!.length - 1})`);
  expect(server.relay!.latest.state).toMatchObject({ h: last.h, v: last.v, f: reached.f });
  await presenter.keyboard.press('ArrowLeft');
  await match(presenter, audience, phone);
});
