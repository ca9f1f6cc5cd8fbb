import * as v from 'valibot';

/**
 * The follow-along protocol, shared by the relay and the browser. Every message is one JSON text frame of at
 * most MAX_FRAME_BYTES, with a version `v` and a type `t`. A state message is a full snapshot, so a follower
 * never needs the messages before it: a lost or dropped one costs nothing.
 *
 * Versions. A message's `v` is the version that defined its type, and a type's shape never changes within it:
 * hello, state, ping, welcome, ack, peers, denied, refused and pong are 1 for good (so one state frame serves
 * every follower, old or new); pointer, take and control are 2. A client names the newest version it speaks in
 * the relay URL (`/follow?v=2`, which a version-1 relay ignores); the relay sends it nothing newer. Clients read
 * leniently (an unknown type or key is skipped, never an error); the relay, which trusts nobody, reads strictly.
 */
export const PROTOCOL_VERSION = 2;
export const MAX_FRAME_BYTES = 4096;

const index = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000));
const seq = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const v1 = v.literal(1);
const v2 = v.literal(2);
/** A fraction of the slide's width or height (its 16:9 design space, whatever the window). */
const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

type Entries = v.ObjectEntries;
/** The relay's reading (unknown keys are errors) or a client's (unknown keys are dropped). */
type Shape = <E extends Entries>(
  entries: E,
) => v.StrictObjectSchema<E, undefined> | v.ObjectSchema<E, undefined>;

const deckState = (obj: Shape) =>
  obj({
    h: index,
    v: index,
    f: v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(10_000)),
    overview: v.boolean(),
    paused: v.boolean(),
    /** The presenter shows the audience URL's QR code (followed by presenter clients only). */
    join: v.optional(v.boolean()),
  });

/**
 * Where the presenter points: slide h/v, x and y as fractions of the slide, and `el`, the element under it as a
 * path of child indexes from the slide's section (`2/0/1`), which a phone's reader layout highlights.
 */
const pointerAt = (obj: Shape) =>
  v.nullable(
    obj({
      h: index,
      v: index,
      x: unit,
      y: unit,
      el: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}(?:\/\d{1,4}){0,15}$/))),
    }),
  );

/** Where the deck is: slide h/v, fragment f (-1: none shown), overview, paused, and the join overlay. */
export const DeckStateSchema = deckState(v.strictObject);
export type DeckState = v.InferOutput<typeof DeckStateSchema>;
const PointerAtSchema = pointerAt(v.strictObject);
export type PointerAt = v.InferOutput<typeof PointerAtSchema>;

/** A pointer as JSON text (from the shared store), or undefined when it is not one. */
export function parsePointerAt(json: string): PointerAt | undefined {
  try {
    const result = v.safeParse(PointerAtSchema, JSON.parse(json));
    return result.success ? result.output : undefined;
  } catch {
    return undefined;
  }
}

function clientMessages(obj: Shape) {
  return {
    hello: obj({
      v: v1,
      t: v.literal('hello'),
      role: v.picklist(['presenter', 'audience']),
      token: v.optional(v.pipe(v.string(), v.maxLength(512))),
    }),
    state: obj({ v: v1, t: v.literal('state'), seq, state: deckState(obj) }),
    ping: obj({ v: v1, t: v.literal('ping') }),
    /** Presenter in control: the pointer moved (`at`), or is off (null). */
    pointer: obj({ v: v2, t: v.literal('pointer'), at: pointerAt(obj) }),
    /** Presenter: take control of the talk (hand-over). */
    take: obj({ v: v2, t: v.literal('take') }),
  };
}

const epoch = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/));
function serverMessages(obj: Shape) {
  return {
    welcome: obj({
      v: v1,
      t: v.literal('welcome'),
      role: v.picklist(['presenter', 'audience']),
      epoch,
      /** The relay's latest sequence number: 0 when no presenter has published yet. */
      seq: v.pipe(v.number(), v.integer(), v.minValue(0)),
      /** The audience URL the server advertises (its LAN address when listening on all interfaces). */
      join: v.optional(v.pipe(v.string(), v.url(), v.maxLength(512))),
    }),
    state: obj({ v: v1, t: v.literal('state'), epoch, seq, state: deckState(obj) }),
    /** To a presenter: its state `seq` was taken as the relay's `at` (or was a no-op at `at`). */
    ack: obj({ v: v1, t: v.literal('ack'), seq, at: v.pipe(v.number(), v.integer()) }),
    peers: obj({ v: v1, t: v.literal('peers'), audience: index }),
    denied: obj({ v: v1, t: v.literal('denied') }),
    /** To a presenter: its state `seq` was not sent on (a slide the deck lacks, or not in control); nobody got it. */
    refused: obj({ v: v1, t: v.literal('refused'), seq, reason: v.pipe(v.string(), v.maxLength(200)) }),
    pong: obj({ v: v1, t: v.literal('pong') }),
    /** The presenter's pointer (null: off), to followers that speak version 2. */
    pointer: obj({ v: v2, t: v.literal('pointer'), at: pointerAt(obj) }),
    /** To a presenter speaking version 2, after its welcome and whenever control moves: whether it has it. */
    control: obj({ v: v2, t: v.literal('control'), mine: v.boolean() }),
  };
}

const strictClient = clientMessages(v.strictObject);
export const ClientMessageSchema = v.variant('t', Object.values(strictClient));
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;
export const ServerMessageSchema = v.variant('t', Object.values(serverMessages(v.strictObject)));
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;
/** What a client reads: the same messages, unknown keys dropped; any other type is skipped. */
const lenientServer: Record<string, v.GenericSchema<unknown, ServerMessage>> = serverMessages(v.object);

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

/** The relay's reading of a client's frame: strict, every key known. */
export const parseClientMessage = (data: unknown) => parseFrame(ClientMessageSchema, data);

/**
 * A client's reading of the relay's frame: a known type is checked for the keys it knows (others dropped), an
 * unknown one is `skip` (a newer relay's: not an error).
 */
export function parseServerMessage(data: unknown): Parsed<ServerMessage> & { skip?: true } {
  return parseFrame(ServerEnvelope, data);
}

const ServerEnvelope: v.GenericSchema<unknown, ServerMessage> = v.pipe(
  v.looseObject({ v: v.pipe(v.number(), v.integer(), v.minValue(1)), t: v.string() }),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const schema = Object.hasOwn(lenientServer, dataset.value.t) ? lenientServer[dataset.value.t] : undefined;
    if (!schema) {
      addIssue({ message: `unknown type: ${dataset.value.t.slice(0, 40)}` });
      return NEVER;
    }
    const result = v.safeParse(schema, dataset.value);
    if (!result.success) {
      addIssue({ message: result.issues[0]?.message ?? 'invalid message' });
      return NEVER;
    }
    return result.output;
  }),
);

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
