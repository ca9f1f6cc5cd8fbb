/**
 * `npm run bench:follow -- --clients 1000 [--changes 200] [--interval 40]`
 *
 * The follow-along relay under load, on loopback: N audience WebSocket clients, one presenter making slide
 * changes. Prints the fan-out latency (presenter send → each client receive) at p50/p95/p99, the messages
 * lost (every client must see every change), and the relay's RSS per client. The relay runs in a child
 * process (the same serveDeck as `npm start`), so its memory is its own. Exits 1 when a goal is missed.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';

const GOAL = { p99Ms: 50, kbPerClient: 50 };
const TOKEN = 'bench-follow-token-0123456789';

type ToRelay = { t: 'rss' };
type FromRelay = { t: 'listening'; port: number } | { t: 'rss'; rss: number; cpuMs: number };

/** The relay process: serves, and reports its RSS (after a full GC) when asked. */
async function relayProcess(): Promise<void> {
  const { serveDeck } = await import('../src/server/app.ts');
  const root = mkdtempSync(join(tmpdir(), 'bench-follow-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>bench</title>');
  const deck = await serveDeck({ root, port: 0, relay: { token: TOKEN } });
  const send = (m: FromRelay) => process.send!(m);
  process.on('message', (m: ToRelay) => {
    if (m.t !== 'rss') return;
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    send({ t: 'rss', rss: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 });
  });
  process.on('disconnect', () => void deck.close().then(() => process.exit(0)));
  send({ t: 'listening', port: Number(new URL(deck.url).port) });
}

function startRelay() {
  const child = fork(fileURLToPath(import.meta.url), ['--relay'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromRelay['t']>(t: T) =>
    new Promise<Extract<FromRelay, { t: T }>>((resolve, reject) => {
      const on = (m: FromRelay) => {
        if (m.t !== t) return;
        child.off('message', on);
        resolve(m as Extract<FromRelay, { t: T }>);
      };
      child.on('message', on);
      child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    });
  return {
    child,
    listening: next('listening'),
    /** The relay's RSS after a full GC, and the CPU time it has used so far. */
    usage: async () => {
      const reply = next('rss');
      child.send({ t: 'rss' } satisfies ToRelay);
      return await reply;
    },
  };
}

function open(url: string, hello: object): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    ws.once('open', () => ws.send(JSON.stringify(hello)));
    ws.once('message', () => resolve(ws)); // the welcome
    ws.once('error', reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '1000' },
      changes: { type: 'string', default: '200' },
      interval: { type: 'string', default: '40' },
    },
  });
  const clients = Number(values.clients);
  const changes = Number(values.changes);
  const interval = Number(values.interval);
  if (![clients, changes, interval].every((n) => Number.isInteger(n) && n > 0))
    throw new Error('--clients, --changes and --interval must be positive integers');

  const relay = startRelay();
  const { port } = await relay.listening;
  const url = `ws://127.0.0.1:${port}/follow`;
  const before = (await relay.usage()).rss;

  // Audiences, connected in batches so the accept queue does not overflow.
  const sentAt: number[] = [];
  const latencies: number[] = [];
  const received = new Array<number>(clients).fill(0);
  const outOfOrder = { count: 0 };
  const sockets: WebSocket[] = [];
  let done = 0;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  for (let i = 0; i < clients; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, clients - i) }, () =>
        open(url, { v: 1, t: 'hello', role: 'audience' }),
      ),
    );
    for (const ws of batch) {
      const index = sockets.length;
      sockets.push(ws);
      let last = 0;
      ws.on('message', (data) => {
        const now = performance.now();
        // Lean on purpose: a thousand clients share this process, and their cost would count as latency.
        const text = data.toString();
        if (!text.startsWith('{"v":1,"t":"state"')) return;
        const seq = Number(/"seq":(\d+)/.exec(text)?.[1]);
        latencies.push(now - sentAt[seq]!);
        if (seq <= last) outOfOrder.count++;
        last = seq;
        received[index]! += 1;
        if (seq === changes && ++done === clients) allDone();
      });
    }
  }
  const loaded = await relay.usage();
  const withClients = loaded.rss;

  // The presenter: one change every `interval` ms; relay seq n is the n-th change (each differs from the last).
  const presenter = await open(url, { v: 1, t: 'hello', role: 'presenter', token: TOKEN });
  // The relay acks after writing the state to every client: send → ack is its own fan-out time.
  const acks: number[] = [];
  presenter.on('message', (data) => {
    const now = performance.now();
    const m = JSON.parse(data.toString()) as { t: string; seq: number };
    if (m.t === 'ack') acks.push(now - sentAt[m.seq]!);
  });
  for (let n = 1; n <= changes; n++) {
    const state = { h: n % 50, v: n % 3, f: (n % 4) - 1, overview: false, paused: false };
    sentAt[n] = performance.now();
    presenter.send(JSON.stringify({ v: 1, t: 'state', seq: n, state }));
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000));
  await Promise.race([finished, timeout]);
  // CPU time, unlike wall time, barely depends on what else the machine is doing.
  const cpuPerChange = ((await relay.usage()).cpuMs - loaded.cpuMs) / changes;

  const sorted = latencies.sort((a, b) => a - b);
  const expected = clients * changes;
  const got = received.reduce((a, b) => a + b, 0);
  const lost = expected - got;
  const perClientKb = (withClients - before) / clients / 1024;
  const p99 = percentile(sorted, 99);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  const lines = [
    `follow-along relay: ${clients} clients, ${changes} changes, one every ${interval} ms (loopback)`,
    `fan-out latency  p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  p99 ${ms(p99)}  max ${ms(sorted.at(-1) ?? Number.NaN)}`,
    `relay fan-out    p50 ${ms(
      percentile(
        acks.sort((a, b) => a - b),
        50,
      ),
    )}  p99 ${ms(percentile(acks, 99))} (send → ack, after writing to every client); CPU ${ms(cpuPerChange)} per change`,
    `messages lost    ${lost} of ${expected}${outOfOrder.count ? ` (${outOfOrder.count} out of order)` : ''}`,
    `relay RSS        ${(before / 2 ** 20).toFixed(1)} MB idle, ${(withClients / 2 ** 20).toFixed(1)} MB with ${clients} clients: ${perClientKb.toFixed(1)} KB per client`,
    `goals            p99 ≤ ${GOAL.p99Ms} ms: ${ok(p99 <= GOAL.p99Ms)}; 0 lost: ${ok(lost === 0 && outOfOrder.count === 0)}; ≤ ${GOAL.kbPerClient} KB per client: ${ok(perClientKb <= GOAL.kbPerClient)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  presenter.close();
  for (const ws of sockets) ws.terminate();
  relay.child.disconnect();
  const pass = p99 <= GOAL.p99Ms && lost === 0 && outOfOrder.count === 0 && perClientKb <= GOAL.kbPerClient;
  return pass ? 0 : 1;
}

if (process.argv.includes('--relay')) {
  await relayProcess();
} else {
  process.exitCode = await main();
}
