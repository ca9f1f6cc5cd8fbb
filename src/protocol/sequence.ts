import type { DeckState } from './messages.ts';

export interface Stamped {
  epoch: string;
  seq: number;
  state: DeckState;
}

/**
 * Orders the relay's broadcasts for a follower: within one relay run (epoch) only a higher sequence number is
 * news; a new epoch (the relay restarted) starts over, so followers resync from the presenter's next message.
 */
export class SequenceGate {
  private epoch: string | undefined;
  private seq = 0;

  /** True when the message is newer than every one accepted before; then it becomes the latest. */
  accept(message: { epoch: string; seq: number }): boolean {
    if (message.epoch === this.epoch && message.seq <= this.seq) return false;
    this.epoch = message.epoch;
    this.seq = message.seq;
    return true;
  }

  get latest(): { epoch: string | undefined; seq: number } {
    return { epoch: this.epoch, seq: this.seq };
  }
}
