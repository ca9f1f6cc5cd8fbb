import * as v from 'valibot';

/**
 * The follow-along protocol, shared by the relay and the browser. Every message is one JSON text frame of at
 * most MAX_FRAME_BYTES, with the protocol version `v` and a type `t`. A state message is a full snapshot, so
 * a follower never needs the messages before it: a lost or dropped one costs nothing.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_FRAME_BYTES = 4096;

const index = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000));
const seq = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const version = v.literal(PROTOCOL_VERSION);

/** Where the deck is: slide h/v, fragment f (-1: none shown), overview, paused, and the join overlay. */
export const DeckStateSchema = v.strictObject({
  h: index,
  v: index,
  f: v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(10_000)),
  overview: v.boolean(),
  paused: v.boolean(),
  /** The presenter shows the audience URL's QR code (followed by presenter clients only). */
  join: v.optional(v.boolean()),
});
export type DeckState = v.InferOutput<typeof DeckStateSchema>;

// Client → relay.
const Hello = v.strictObject({
  v: version,
  t: v.literal('hello'),
  role: v.picklist(['presenter', 'audience']),
  token: v.optional(v.pipe(v.string(), v.maxLength(512))),
});
const Publish = v.strictObject({ v: version, t: v.literal('state'), seq, state: DeckStateSchema });
const Ping = v.strictObject({ v: version, t: v.literal('ping') });
export const ClientMessageSchema = v.variant('t', [Hello, Publish, Ping]);
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;

// Relay → client.
const epoch = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/));
const Welcome = v.strictObject({
  v: version,
  t: v.literal('welcome'),
  role: v.picklist(['presenter', 'audience']),
  epoch,
  /** The relay's latest sequence number: 0 when no presenter has published yet. */
  seq: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The audience URL the server advertises (its LAN address when listening on all interfaces). */
  join: v.optional(v.pipe(v.string(), v.url(), v.maxLength(512))),
});
const Broadcast = v.strictObject({ v: version, t: v.literal('state'), epoch, seq, state: DeckStateSchema });
/** To a presenter: its state `seq` was taken as the relay's `at` (or was a no-op at `at`). */
const Ack = v.strictObject({ v: version, t: v.literal('ack'), seq, at: v.pipe(v.number(), v.integer()) });
const Peers = v.strictObject({ v: version, t: v.literal('peers'), audience: index });
const Denied = v.strictObject({ v: version, t: v.literal('denied') });
/** To a presenter: its state `seq` names a slide or fragment the deck does not have; nobody got it. */
const Refused = v.strictObject({
  v: version,
  t: v.literal('refused'),
  seq,
  reason: v.pipe(v.string(), v.maxLength(200)),
});
const Pong = v.strictObject({ v: version, t: v.literal('pong') });
export const ServerMessageSchema = v.variant('t', [Welcome, Broadcast, Ack, Peers, Denied, Refused, Pong]);
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function parseFrame<T>(schema: v.GenericSchema<unknown, T>, data: unknown): Parsed<T> {
  if (typeof data !== 'string') return { ok: false, reason: 'not a text frame' };
  // Cheap bound first: a UTF-8 byte is at least one UTF-16 unit, at most 3 per unit.
  if (data.length > MAX_FRAME_BYTES || byteLength(data) > MAX_FRAME_BYTES)
    return { ok: false, reason: `frame over ${MAX_FRAME_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = v.safeParse(schema, json);
  if (!result.success) return { ok: false, reason: result.issues[0]?.message ?? 'invalid message' };
  return { ok: true, message: result.output };
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

export const parseClientMessage = (data: unknown) => parseFrame(ClientMessageSchema, data);
export const parseServerMessage = (data: unknown) => parseFrame(ServerMessageSchema, data);

/** Serialises a message; throws when it would break the frame limit (a bug, never user input). */
export function encode(message: ClientMessage | ServerMessage): string {
  const text = JSON.stringify(message);
  if (byteLength(text) > MAX_FRAME_BYTES) throw new Error(`message over ${MAX_FRAME_BYTES} bytes: ${text}`);
  return text;
}

export function sameState(a: DeckState | undefined, b: DeckState | undefined, withJoin = true): boolean {
  if (!a || !b) return a === b;
  return (
    a.h === b.h &&
    a.v === b.v &&
    a.f === b.f &&
    a.overview === b.overview &&
    a.paused === b.paused &&
    (!withJoin || Boolean(a.join) === Boolean(b.join))
  );
}
