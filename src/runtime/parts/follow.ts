import type { RevealApi } from 'reveal.js';
import { type UiText, uiText } from '../../i18n/ui-text.ts';
import {
  type DeckState,
  type PointerAt,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '../../protocol/messages.ts';
import { LatestOnly } from '../../protocol/throttle.ts';
import { type ConnectionStatus, RelayConnection } from '../follow/connection.ts';
import { ControlBar } from '../follow/control-bar.ts';
import { Follower } from '../follow/follower.ts';
import { FollowIndicator, type FollowMode, type IndicatorText } from '../follow/indicator.ts';
import { JoinOverlay } from '../follow/join-overlay.ts';
import { audienceUrl, isPreview } from '../follow/page-mode.ts';
import { PointerInput, PointerLayer } from '../follow/pointer.ts';
import { findRelay } from '../follow/probe.ts';
import { Publisher } from '../follow/publisher.ts';
import { applyDeck, type DeckAdapter, readDeck, STATE_EVENTS } from '../follow/state.ts';
import { forgetToken, presenterSeat, presenterToken } from '../follow/token.ts';
import type { DeckContext, DeckPart } from '../part.ts';

const KEY_J = 74;
/** The laser pointer: X (reveal.js's own keys include L, H, J and K). */
const KEY_X = 88;
/** The pointer's positions reach the relay at most this often, newest wins. */
const POINTER_MS = 1000 / 30;
/** Input by which an audience member can move their own deck. */
const USER_INPUT = ['keydown', 'pointerdown', 'touchstart', 'wheel', 'hashchange'] as const;

/**
 * Live follow-along, when the page was served by `npm start` (its relay): an audience's deck follows the
 * presenter and detaches when its user navigates; a page holding the presenter token publishes its state and
 * follows other presenter pages. Served from a static host, it stays off.
 */
export function follow(): DeckPart {
  let stop: (() => void) | undefined;
  // Taken out of the address bar now, before reveal.js starts writing the URL (it debounces a copy).
  const token = isPreview() ? undefined : presenterToken();
  return {
    name: 'follow',
    setup(ctx: DeckContext) {
      if (ctx.print || isPreview()) return;
      // Not awaited: the deck is ready without the relay, and follows once it answers.
      const probe = () =>
        void findRelay().then((url) => {
          if (url) stop = run(ctx, url, token);
          else if (!navigator.onLine) stop = whenOnline(ctx, probe);
          else document.documentElement.dataset.deckFollow = 'off';
        });
      probe();
    },
    teardown() {
      stop?.();
    },
  };
}

function indicatorText(text: UiText): IndicatorText {
  return {
    following: text.following,
    detached: text.detached,
    reconnecting: text.reconnecting,
    offline: text.offline,
    presenting: text.presenting,
    denied: text.denied,
    rejoin: text.live,
    audience: text.audience,
    group: text.followStatus,
  };
}

/**
 * A page opened without a network (from the offline worker's cache) cannot ask whether it has a relay: it says
 * "offline" and asks again when the network is back, so a phone that reloaded mid-talk still follows.
 */
function whenOnline(ctx: DeckContext, probe: () => void): () => void {
  const indicator = new FollowIndicator(indicatorText(uiText(ctx.config.lang)), () => {});
  indicator.set('offline');
  const back = () => {
    indicator.remove();
    probe();
  };
  window.addEventListener('online', back, { once: true });
  return () => {
    window.removeEventListener('online', back);
    indicator.remove();
  };
}

function run(ctx: DeckContext, url: string, token: string | undefined): () => void {
  const reveal = ctx.reveal;
  const text = uiText(ctx.config.lang);
  let connected = false;
  let denied = false;
  // Whether the user has done anything that could move the deck since the last live state was applied.
  let userActed = false;

  const indicator = new FollowIndicator(indicatorText(text), () => follower?.rejoin());
  const overlay = new JoinOverlay(audienceUrl(), text.joinTitle, () => toggleJoin(false));

  const audienceDeck: DeckAdapter = {
    read: () => readDeck(reveal),
    apply: (state) => {
      userActed = false;
      pagedView(reveal);
      applyDeck(reveal, state);
    },
  };
  const presenterDeck: DeckAdapter = {
    read: () => ({ ...readDeck(reveal), join: overlay.isOpen }),
    apply: (state) => {
      applyDeck(reveal, state);
      overlay.toggle(Boolean(state.join));
    },
  };

  const pointerLayer = new PointerLayer(reveal);
  const connection = new RelayConnection(
    // The newest protocol version this page speaks, and its browser's presenter seat (see Relay).
    `${url}?v=${PROTOCOL_VERSION}${token ? `&seat=${presenterSeat()}` : ''}`,
    token ? { v: 1, t: 'hello', role: 'presenter', token } : { v: 1, t: 'hello', role: 'audience' },
    { message: onMessage, status: onStatus },
  );
  const publisher = token
    ? new Publisher(presenterDeck, (seq, state: DeckState) =>
        connection.send({ v: 1, t: 'state', seq, state }),
      )
    : undefined;
  const follower = token ? undefined : new Follower(audienceDeck, () => render());

  // Presenters: control (hand-over) and the pointer, with a relay that speaks version 2 (it says `control`).
  let control: 'mine' | 'theirs' | 'none' = 'none';
  const pointerOut = new LatestOnly<PointerAt>(POINTER_MS, (at) =>
    connection.send({ v: 2, t: 'pointer', at }),
  );
  const pointerIn = token
    ? new PointerInput(reveal, (at) => {
        pointerLayer.show(at);
        if (control === 'mine') pointerOut.offer(at);
      })
    : undefined;
  const bar = token ? document.querySelector<HTMLElement>('.deck-presenter-bar') : null;
  const controls = bar
    ? new ControlBar(
        bar,
        { pointer: text.pointer, inControl: text.inControl, viewing: text.viewing, takeOver: text.takeOver },
        { take: () => connection.send({ v: 2, t: 'take' }), pointer: () => togglePointer() },
      )
    : undefined;
  function togglePointer(on = !pointerIn?.isOn) {
    pointerIn?.set(on && control === 'mine');
    controls?.set(control, Boolean(pointerIn?.isOn));
  }

  function mode(): FollowMode {
    if (denied) return 'denied';
    if (connection.status === 'reconnecting') return navigator.onLine ? 'reconnecting' : 'offline';
    if (!connected) return 'connecting';
    if (publisher) return 'presenting';
    if (!follower?.live) return 'waiting';
    return follower.isFollowing ? 'live' : 'detached';
  }
  function render() {
    indicator.set(mode());
  }

  function onStatus(status: ConnectionStatus) {
    if (status !== 'open') connected = false;
    render();
  }

  function onMessage(m: ServerMessage) {
    switch (m.t) {
      case 'welcome':
        connected = true;
        overlay.setUrl(audienceUrl(m.join));
        publisher?.welcome(m.epoch, m.seq);
        break;
      case 'state':
        if (publisher) publisher.receive(m);
        else follower?.receive(m);
        break;
      case 'pointer':
        pointerLayer.show(m.at);
        break;
      case 'control':
        control = m.mine ? 'mine' : 'theirs';
        publisher?.control(m.mine);
        if (!m.mine) pointerIn?.set(false);
        controls?.set(control, Boolean(pointerIn?.isOn));
        break;
      case 'ack':
        publisher?.ack(m.seq, m.at);
        break;
      case 'refused':
        publisher?.refused(m.seq);
        break;
      case 'peers':
        indicator.setAudience(m.audience);
        break;
      case 'denied':
        denied = true;
        forgetToken();
        break;
    }
    render();
  }

  // Several events follow one move (slide, then fragment): look once they are all done.
  let queued = false;
  const onDeckEvent = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      publisher?.localChange();
      follower?.localChange(userActed);
    });
  };
  for (const e of STATE_EVENTS) reveal.on(e, onDeckEvent);
  const onInput = () => {
    userActed = true;
  };
  for (const e of USER_INPUT) window.addEventListener(e, onInput, { capture: true, passive: true });

  function toggleJoin(open: boolean) {
    overlay.toggle(open);
    publisher?.localChange();
  }
  if (token) {
    reveal.addKeyBinding(
      { keyCode: KEY_J, key: 'J', description: 'Show the audience URL as a QR code' },
      () => toggleJoin(!overlay.isOpen),
    );
    reveal.addKeyBinding({ keyCode: KEY_X, key: 'X', description: text.pointerToggle }, () =>
      togglePointer(),
    );
  }

  // The network's own word: the pill says "offline" at once (and the link is replaced), not after a timeout.
  window.addEventListener('offline', render);
  render();
  connection.start();
  return () => {
    connection.stop();
    window.removeEventListener('offline', render);
    for (const e of STATE_EVENTS) reveal.off(e, onDeckEvent);
    for (const e of USER_INPUT) window.removeEventListener(e, onInput, { capture: true });
    if (token) {
      reveal.removeKeyBinding(KEY_J);
      reveal.removeKeyBinding(KEY_X);
    }
    pointerOut.cancel();
    pointerIn?.remove();
    pointerLayer.remove();
    controls?.remove();
    indicator.remove();
    overlay.remove();
  };
}

/**
 * A follower shows the presenter's slide as it is: reveal.js's scroll view (which it turns on for narrow
 * phones) would show fragments by scroll position instead.
 */
function pagedView(reveal: RevealApi): void {
  if (reveal.getConfig().scrollActivationWidth !== 0) reveal.configure({ scrollActivationWidth: 0 });
}
