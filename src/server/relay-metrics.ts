import { Counters, Histogram, type Metric } from './metrics.ts';

export type InKind =
  | 'hello'
  | 'state'
  | 'ping'
  | 'pointer'
  | 'take'
  | 'invalid'
  | 'outside'
  | 'not-in-control';
export type OutKind = 'state' | 'pointer' | 'other';
export type DropReason = 'slow' | 'heartbeat' | 'full' | 'denied' | 'policy' | 'hello-timeout' | 'flood';

/** What the table reads of the relay at the moment /metrics is asked. */
export interface RelayGauges {
  followers: number;
  connections: number;
  seq: number;
  hub: Record<string, number>;
}

/** The relay's counters and fan-out histogram, and the /metrics table made of them. */
export class RelayMetrics {
  readonly in = new Counters<InKind>();
  readonly out = new Counters<OutKind>();
  readonly dropped = new Counters<DropReason>();
  /** Audience frames dropped unread (over the rate), by kind: `frame` (a message) or `control`. */
  readonly limited = new Counters<'frame' | 'control'>();
  readonly fanout = new Histogram();

  table(g: RelayGauges): Metric[] {
    return [
      { name: 'deck_relay_followers', help: 'Audience connections.', type: 'gauge', samples: g.followers },
      {
        name: 'deck_relay_connections',
        help: 'Open relay connections (audiences, presenters, not yet said hello).',
        type: 'gauge',
        samples: g.connections,
      },
      { name: 'deck_relay_seq', help: 'Sequence number of the latest state.', type: 'gauge', samples: g.seq },
      {
        name: 'deck_relay_messages_in_total',
        help: 'Frames received from clients, by type.',
        type: 'counter',
        samples: this.in.lines('deck_relay_messages_in_total', 'type'),
      },
      {
        name: 'deck_relay_messages_out_total',
        help: 'Frames sent to clients (state: fanned-out states).',
        type: 'counter',
        samples: this.out.lines('deck_relay_messages_out_total', 'type'),
      },
      {
        name: 'deck_relay_limited_total',
        help: 'Audience frames dropped unread, over the rate (frame: a message; control: a WebSocket ping or pong).',
        type: 'counter',
        samples: this.limited.lines('deck_relay_limited_total', 'kind'),
      },
      {
        name: 'deck_relay_dropped_total',
        help: 'Connections the relay closed, by reason.',
        type: 'counter',
        samples: this.dropped.lines('deck_relay_dropped_total', 'reason'),
      },
      {
        name: 'deck_relay_fanout_seconds',
        help: 'From a state ordered (on any instance) to this instance having written it to every follower.',
        type: 'histogram',
        samples: this.fanout.lines('deck_relay_fanout_seconds'),
      },
      ...Object.entries(g.hub).map(
        ([name, value]): Metric => ({
          name,
          help: 'The shared store (Redis).',
          type: 'gauge',
          samples: value,
        }),
      ),
      {
        name: 'process_resident_memory_bytes',
        help: 'Resident memory size in bytes.',
        type: 'gauge',
        samples: process.memoryUsage.rss(),
      },
    ];
  }
}
