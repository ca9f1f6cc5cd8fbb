import { type DeckState, sameState } from '../../protocol/messages.ts';
import { SequenceGate, type Stamped } from '../../protocol/sequence.ts';
import type { DeckAdapter } from './state.ts';

/**
 * An audience member's deck: follows the live state while following; navigating on one's own detaches
 * (only this deck: nothing is ever sent), and rejoin() jumps back to the live state.
 */
export class Follower {
  private readonly gate = new SequenceGate();
  private liveState: DeckState | undefined;
  private following = true;

  constructor(
    private readonly deck: DeckAdapter,
    private readonly onChange: () => void = () => {},
  ) {}

  get live(): DeckState | undefined {
    return this.liveState;
  }

  get isFollowing(): boolean {
    return this.following;
  }

  /** A state from the relay: stale and out-of-order ones are dropped. */
  receive(message: Stamped): void {
    if (!this.gate.accept(message)) return;
    this.liveState = message.state;
    if (this.following) this.deck.apply(message.state);
    this.onChange();
  }

  /**
   * The deck moved. Away from the live state after the user's own input (a key, a touch, the address bar),
   * it detaches; without one it was reveal.js settling on its own (leaving its scroll view, say), and the
   * live state is put back.
   */
  localChange(byUser = true): void {
    if (!this.following || !this.liveState) return;
    if (sameState(this.deck.read(), this.liveState, false)) return;
    if (!byUser) {
      this.deck.apply(this.liveState);
      return;
    }
    this.following = false;
    this.onChange();
  }

  rejoin(): void {
    this.following = true;
    if (this.liveState) this.deck.apply(this.liveState);
    this.onChange();
  }
}
