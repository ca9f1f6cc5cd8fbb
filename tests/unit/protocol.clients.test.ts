import { describe, expect, it } from 'vitest';
import type { DeckState } from '../../src/protocol/messages.ts';
import { Follower } from '../../src/runtime/follow/follower.ts';
import { Publisher } from '../../src/runtime/follow/publisher.ts';
import type { DeckAdapter } from '../../src/runtime/follow/state.ts';

const at = (h: number, extra: Partial<DeckState> = {}): DeckState => ({
  h,
  v: 0,
  f: -1,
  overview: false,
  paused: false,
  ...extra,
});

/** A deck in memory: `apply` moves it, `move` is its user navigating. */
function fakeDeck(start = at(0)) {
  let now = start;
  const applied: DeckState[] = [];
  const deck: DeckAdapter & { move(s: DeckState): void; applied: DeckState[] } = {
    read: () => now,
    apply: (s) => {
      now = s;
      applied.push(s);
    },
    move: (s) => {
      now = s;
    },
    applied,
  };
  return deck;
}

describe('audience follower', () => {
  it('follows states in order and drops stale, duplicate and out-of-order ones', () => {
    const deck = fakeDeck();
    const f = new Follower(deck);
    f.receive({ epoch: 'a', seq: 1, state: at(1) });
    f.receive({ epoch: 'a', seq: 3, state: at(3) });
    f.receive({ epoch: 'a', seq: 2, state: at(2) });
    f.receive({ epoch: 'a', seq: 3, state: at(9) });
    expect(deck.applied.map((s) => s.h)).toEqual([1, 3]);
    // A restarted relay (new epoch) counts from 1 again.
    f.receive({ epoch: 'b', seq: 1, state: at(4) });
    expect(deck.read()).toEqual(at(4));
  });

  it('detaches when its user navigates, keeps the live state, and rejoins at it', () => {
    const deck = fakeDeck();
    let changes = 0;
    const f = new Follower(deck, () => changes++);
    f.receive({ epoch: 'a', seq: 1, state: at(2) });
    f.localChange(); // the event from applying: still following
    expect(f.isFollowing).toBe(true);
    deck.move(at(5));
    f.localChange();
    expect(f.isFollowing).toBe(false);
    f.receive({ epoch: 'a', seq: 2, state: at(3, { f: 1 }) });
    expect(deck.read()).toEqual(at(5)); // detached: not moved
    expect(f.live).toEqual(at(3, { f: 1 }));
    f.rejoin();
    expect(f.isFollowing).toBe(true);
    expect(deck.read()).toEqual(at(3, { f: 1 }));
    expect(changes).toBe(4); // two states, the detach, the rejoin
  });

  it('ignores the presenter-only join flag when deciding whether it moved', () => {
    const deck = fakeDeck();
    const f = new Follower(deck);
    f.receive({ epoch: 'a', seq: 1, state: at(2, { join: true }) });
    deck.move(at(2));
    f.localChange();
    expect(f.isFollowing).toBe(true);
  });

  it('puts the live state back when the deck moved without the user (reveal.js settling)', () => {
    const deck = fakeDeck();
    const f = new Follower(deck);
    f.receive({ epoch: 'a', seq: 1, state: at(2, { f: 1 }) });
    deck.move(at(0));
    f.localChange(false);
    expect(f.isFollowing).toBe(true);
    expect(deck.read()).toEqual(at(2, { f: 1 }));
  });

  it('does not detach before any presenter has been live', () => {
    const deck = fakeDeck();
    const f = new Follower(deck);
    deck.move(at(4));
    f.localChange();
    expect(f.isFollowing).toBe(true);
  });
});

describe('presenter publisher', () => {
  function setup(start = at(0)) {
    const deck = fakeDeck(start);
    const sent: [number, DeckState][] = [];
    const p = new Publisher(deck, (seq, s) => sent.push([seq, s]));
    return { deck, sent, p };
  }

  it('publishes its state on first welcome when the relay has none, then every change once', () => {
    const { deck, sent, p } = setup(at(2));
    p.welcome('e', 0);
    expect(sent).toEqual([[1, at(2)]]);
    p.localChange(); // nothing moved
    deck.move(at(3));
    p.localChange();
    deck.move(at(3, { f: 0 }));
    p.localChange();
    expect(sent.map(([seq, s]) => [seq, s.h, s.f])).toEqual([
      [1, 2, -1],
      [2, 3, -1],
      [3, 3, 0],
    ]);
  });

  it('joins a talk in progress: adopts the relay state instead of publishing its own', () => {
    const { deck, sent, p } = setup(at(0));
    p.welcome('e', 7);
    expect(sent).toEqual([]);
    p.receive({ epoch: 'e', seq: 7, state: at(4) });
    expect(deck.read()).toEqual(at(4));
    p.localChange(); // the move the received state caused is not echoed
    expect(sent).toEqual([]);
  });

  it('after a reconnect publishes its own state: audiences resync from it', () => {
    const { deck, sent, p } = setup(at(1));
    p.welcome('e', 0);
    deck.move(at(6)); // moved while the relay was away
    p.welcome('f', 0);
    expect(sent.at(-1)).toEqual([2, at(6)]);
    p.welcome('g', 3); // even when the new relay already has a state
    expect(sent.at(-1)).toEqual([3, at(6)]);
  });

  it('holds back others’ states while its own are unacknowledged; takes them only if ordered after', () => {
    const { deck, sent, p } = setup(at(0));
    p.welcome('e', 0); // seq 1
    p.ack(1, 1);
    deck.move(at(1));
    p.localChange(); // seq 2, unacked
    // Another presenter's state, ordered before ours by the relay: arrives, is held, then dropped.
    p.receive({ epoch: 'e', seq: 2, state: at(9) });
    expect(deck.read()).toEqual(at(1));
    p.ack(2, 3);
    expect(deck.read()).toEqual(at(1));
    // One ordered after ours is taken.
    deck.move(at(2));
    p.localChange(); // seq 3
    p.receive({ epoch: 'e', seq: 5, state: at(7) });
    p.ack(3, 4);
    expect(deck.read()).toEqual(at(7));
    expect(sent.map(([seq]) => seq)).toEqual([1, 2, 3]);
  });

  it('counts a refused state (a slide the relay’s deck lacks) as settled: others’ states are no longer held back', () => {
    const { deck, p } = setup(at(0));
    p.welcome('e', 0); // seq 1
    p.ack(1, 1);
    deck.move(at(40));
    p.localChange(); // seq 2: a slide this page has, the relay's deck not
    p.receive({ epoch: 'e', seq: 2, state: at(3) });
    expect(deck.read()).toEqual(at(40));
    p.refused(2);
    expect(deck.read()).toEqual(at(3));
    p.receive({ epoch: 'e', seq: 3, state: at(4) });
    expect(deck.read()).toEqual(at(4));
  });

  it('drops a state older than one its own ack already passed', () => {
    const { deck, p } = setup(at(0));
    p.welcome('e', 0);
    p.ack(1, 5);
    p.receive({ epoch: 'e', seq: 4, state: at(8) });
    expect(deck.read()).toEqual(at(0));
    p.receive({ epoch: 'e', seq: 6, state: at(8) });
    expect(deck.read()).toEqual(at(8));
  });

  it('as a viewer (another presenter took control) follows, publishes nothing and puts back its own moves', () => {
    const { deck, sent, p } = setup(at(1));
    p.welcome('e', 0);
    p.control(true);
    deck.move(at(2));
    p.localChange();
    expect(sent.map(([seq, s]) => [seq, s.h])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    p.control(false);
    expect(p.inControl).toBe(false);
    p.receive({ epoch: 'e', seq: 5, state: at(4) }); // not held back: a viewer waits on no ack
    expect(deck.read()).toEqual(at(4));
    deck.move(at(7));
    p.localChange();
    expect(deck.read()).toEqual(at(4));
    expect(sent).toHaveLength(2);
    // Taking back: its next move goes out again.
    p.control(true);
    deck.move(at(5));
    p.localChange();
    expect(sent.at(-1)).toEqual([3, at(5)]);
  });
});
