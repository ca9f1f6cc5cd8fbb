import { type DeckState, sameState } from '../../protocol/messages.ts';
import { SequenceGate, type Stamped } from '../../protocol/sequence.ts';
import type { DeckAdapter } from './state.ts';

/**
 * A presenter's deck: publishes every change as a full snapshot and follows other presenters (the deck page
 * on the projector and the presenter view drive each other). While its own messages are unacknowledged it
 * holds back others' states, and takes one only if the relay ordered it after its own, so two presenters
 * always end on the state the relay took last. When another presenter (another browser) has taken control, it
 * is a viewer: it follows the live state, publishes nothing, and puts back a move of its own.
 */
export class Publisher {
  private seq = 0;
  private acked = 0;
  private epoch: string | undefined;
  private readonly gate = new SequenceGate();
  private known: DeckState | undefined;
  private deferred: Stamped | undefined;
  private everWelcomed = false;
  private mine = true;
  /** The newest state the relay ordered, as a viewer shows it. */
  private live: DeckState | undefined;

  constructor(
    private readonly deck: DeckAdapter,
    private readonly send: (seq: number, state: DeckState) => void,
  ) {}

  /**
   * (Re)connected as presenter. The first time, a relay that already has a state is followed (a second
   * presenter joins the talk where it is); after a reconnect, or when the relay has none (it restarted), this
   * deck's state is published: it is the truth the audiences resync from.
   */
  welcome(epoch: string, relaySeq: number): void {
    this.epoch = epoch;
    this.acked = this.seq;
    this.deferred = undefined;
    const adopt = !this.everWelcomed && relaySeq > 0;
    this.everWelcomed = true;
    if (!adopt && this.mine) this.publish(true);
  }

  /** Whether this page's presenter has control (a relay speaking version 2 says; one speaking 1 never does). */
  get inControl(): boolean {
    return this.mine;
  }

  /** The relay says who has control: a viewer settles what it sent and shows the live state. */
  control(mine: boolean): void {
    this.mine = mine;
    if (mine) return;
    this.acked = this.seq;
    this.deferred = undefined;
    if (this.live) this.take(this.live);
  }

  /** The deck moved here: publish it, unless it is where a received state put it. */
  localChange(): void {
    if (this.mine) this.publish(false);
    else if (this.live && !sameState(this.deck.read(), this.live)) this.deck.apply(this.live);
  }

  receive(message: Stamped): void {
    if (!this.gate.accept(message)) return;
    // Held back while our own states are unacknowledged (a viewer sends none).
    if (this.mine && this.seq > this.acked) this.deferred = message;
    else this.take(message.state);
  }

  ack(seq: number, at: number): void {
    this.acked = Math.max(this.acked, seq);
    // Anything the relay ordered before our state is older than it.
    if (this.epoch) this.gate.accept({ epoch: this.epoch, seq: at });
    if (this.seq > this.acked) return;
    const deferred = this.deferred;
    this.deferred = undefined;
    if (deferred && deferred.seq > at) this.take(deferred.state);
  }

  /**
   * The relay refused our state `seq` (a slide the deck it serves does not have: a page from another build):
   * settled like an acknowledged one, so others' states are no longer held back for it.
   */
  refused(seq: number): void {
    this.acked = Math.max(this.acked, seq);
    if (this.seq > this.acked) return;
    const deferred = this.deferred;
    this.deferred = undefined;
    if (deferred) this.take(deferred.state);
  }

  private take(state: DeckState): void {
    this.known = state;
    this.live = state;
    this.deck.apply(state);
  }

  private publish(force: boolean): void {
    const state = this.deck.read();
    if (!force && sameState(state, this.known)) return;
    this.known = state;
    this.live = state;
    this.seq += 1;
    this.send(this.seq, state);
  }
}
