import type { Readable, Writable } from 'node:stream';

/**
 * The Chrome DevTools Protocol over Chromium's `--remote-debugging-pipe`: JSON messages, each ending in a NUL
 * byte. What the PDF export needs of it is a handful of commands, so it speaks them itself: Playwright's load
 * (~0.3 s of CPU) and its browser context set-up cost more than the print.
 */
export interface Cdp {
  send<T = Record<string, unknown>>(
    method: string,
    params?: Record<string, unknown>,
    sessionId?: string,
  ): Promise<T>;
  /** Calls `handler` with each event of that name (from any session). */
  on(method: string, handler: (params: Record<string, unknown>, sessionId?: string) => void): void;
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string; data?: string };
  sessionId?: string;
}

/** Speaks CDP over the pipe; every command pending fails when `failed` rejects (Chromium went away). */
export function cdpOverPipe(pipe: { input: Writable; output: Readable }, failed: Promise<never>): Cdp {
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (r: never) => void; reject: (e: Error) => void; method: string }
  >();
  const handlers = new Map<string, ((params: Record<string, unknown>, sessionId?: string) => void)[]>();
  let gone: Error | undefined;
  const fail = (e: Error) => {
    gone ??= e;
    for (const p of pending.values()) p.reject(gone);
    pending.clear();
  };
  failed.catch(fail);
  // Closed on purpose (the export is over, or ended early) Chromium's exit is no failure, but what was still
  // waiting on it must end too: an evaluate left pending kept its timeout, and the process, alive.
  pipe.output.on('close', () => fail(new Error('Chromium closed its DevTools pipe')));
  pipe.input.on('error', () => undefined); // a write after Chromium exited: `failed` says why
  let buffered: Buffer[] = [];
  pipe.output.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(0); end >= 0; end = chunk.indexOf(0, start)) {
      buffered.push(chunk.subarray(start, end));
      dispatch(JSON.parse(Buffer.concat(buffered).toString('utf8')) as Message);
      buffered = [];
      start = end + 1;
    }
    if (start < chunk.length) buffered.push(chunk.subarray(start));
  });
  const dispatch = (message: Message) => {
    if (message.id !== undefined) {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.error)
        p.reject(
          new Error(
            `${p.method}: ${message.error.message}${message.error.data ? ` (${message.error.data})` : ''}`,
          ),
        );
      else p.resolve(message.result as never);
      return;
    }
    for (const handler of handlers.get(message.method ?? '') ?? [])
      handler(message.params ?? {}, message.sessionId);
  };
  return {
    send(method, params = {}, sessionId) {
      if (gone) return Promise.reject(gone);
      const id = nextId++;
      const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (r: never) => void, reject, method });
        pipe.input.write(`${message}\0`);
      });
    },
    on(method, handler) {
      handlers.set(method, [...(handlers.get(method) ?? []), handler]);
    },
  };
}
