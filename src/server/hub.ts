import { randomBytes } from 'node:crypto';
import { type DeckState, type PointerAt, sameState } from '../protocol/messages.ts';

/** A state as the relays know it: the talk's epoch and the sequence number it was given. */
export interface Stamp {
  epoch: string;
  seq: number;
  state: DeckState;
}

/** What a hub tells the relay it serves. */
export interface HubEvents {
  /** A state was ordered (here or on another instance): fan it out to everyone but `origin`. */
  deliver(stamp: Stamp, origin: string, orderedAt: number): void;
  /** The hub can order states again (after an outage): send what waited. */
  ready(): void;
  /** The presenter's pointer moved (null: off), here or on another instance: to everyone but `origin`. */
  pointer(at: PointerAt, origin: string, orderedAt: number): void;
  /** Control of the talk went to presenter seat `seat` (hand-over), here or on another instance. */
  control(seat: string): void;
}

export interface HubHealth {
  ready: boolean;
  /** Why not, when not. */
  reason?: string;
}

/**
 * Orders presenters' states: gives each new one the next sequence number of the talk, keeps it as the latest and
 * delivers it to every relay instance that shares the hub, this one included. In memory for one process; in
 * Redis for many.
 */
export interface Hub {
  /** The epoch to use until the hub says otherwise (a new talk's). */
  readonly epoch: string;
  /** Connects; resolves once ready or, when the store does not answer, after `waitMs` (then keeps trying). */
  start(events: HubEvents, waitMs: number): Promise<void>;
  /**
   * Orders `state` from `origin` (a peer id); resolves with the sequence number it got, or the latest one when
   * it equals the latest state. Rejects when the hub cannot order now: the caller keeps the state and tries
   * again on `ready`.
   */
  order(state: DeckState, origin: string): Promise<{ epoch: string; seq: number }>;
  /** Sends the pointer to every instance (not kept: a pointer is only worth its newest position). */
  pointer(at: PointerAt, origin: string): void;
  /**
   * Gives control of the talk to `seat` when nobody has it, or always with `force` (a take-over); resolves with
   * the seat that has it. Rejects when the hub cannot answer now.
   */
  claim(seat: string, force: boolean): Promise<string>;
  health(): HubHealth;
  /** Health details for /metrics, as gauge name → value. */
  gauges(): Record<string, number>;
  close(): Promise<void>;
}

/** A fresh epoch: a talk that starts over (a new relay run, or a new shared store). */
export const newEpoch = () => randomBytes(6).toString('base64url');

/** One process: the relay's memory is the whole truth. */
export class MemoryHub implements Hub {
  readonly epoch = newEpoch();
  private latest: Stamp | undefined;
  private events: HubEvents | undefined;
  private controller: string | undefined;

  async start(events: HubEvents): Promise<void> {
    this.events = events;
  }

  async order(state: DeckState, origin: string): Promise<{ epoch: string; seq: number }> {
    const seq = this.latest?.seq ?? 0;
    if (sameState(state, this.latest?.state)) return { epoch: this.epoch, seq };
    this.latest = { epoch: this.epoch, seq: seq + 1, state };
    this.events?.deliver(this.latest, origin, Date.now());
    return { epoch: this.epoch, seq: seq + 1 };
  }

  pointer(at: PointerAt, origin: string): void {
    this.events?.pointer(at, origin, Date.now());
  }

  async claim(seat: string, force: boolean): Promise<string> {
    if (this.controller === undefined || (force && this.controller !== seat)) {
      this.controller = seat;
      this.events?.control(seat);
    }
    return this.controller;
  }

  health(): HubHealth {
    return { ready: true };
  }

  gauges(): Record<string, number> {
    return {};
  }

  async close(): Promise<void> {}
}
