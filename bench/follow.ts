/**
 * `npm run bench:follow -- --clients 1000 [--relays 3] [--kill] [--changes 200] [--interval 40] [--workers N]`
 *
 * The follow-along relay under load, on loopback: N audience WebSocket clients spread over R relay instances
 * (R > 1: sharing the talk through a real redis-server, as with DECK_RELAY_REDIS), one presenter on the first
 * making slide changes. Prints the fan-out latency (presenter send → the client has that state or a newer one)
 * at p50/p95/p99, the changes lost (a client that never got a change nor a newer one; a change skipped for a
 * newer one is "superseded"), each relay's RSS per client, the CPU the relays, the clients and Redis spend per
 * change (all on the same cores, so the clients' share is latency too). Between changes the presenter moves its
 * pointer (protocol version 2, as the clients speak), and the pointer's fan-out latency is printed beside the
 * slide changes'. Clients are bare WebSocket clients
 * (lean-client.ts), lighter than `ws`'s. With --kill the last instance is killed (SIGKILL) halfway: its clients reconnect to
 * the others, as behind a load balancer, and the bench prints how long until every one has the latest state.
 * Relays and clients run in processes of their own (the clients in --workers processes), so each one's memory
 * and CPU is its own. The file-descriptor limit is raised for the bench's processes only. Exits 1 when a goal
 * is missed.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { RedisServer } from '../tests/unit/services.ts';
import { openLean } from './lean-client.ts';

const GOAL = { p99Ms: 50, p99MsScaled: 100, kbPerClient: 50, recoveryMs: 3000 };
const TOKEN = 'bench-follow-token-0123456789';
const FD_LIMIT = 65536;
/** The page's first reconnect delay (ConnectionOptions.minDelayMs), before its jitter. */
const RETRY_MS = 250;
const self = fileURLToPath(import.meta.url);
const now = () => performance.timeOrigin + performance.now();

type Usage = { rss: number; cpuMs: number; sysMs: number };
type FromRelay = { t: 'listening'; port: number } | ({ t: 'usage' } & Usage);
type ToWorker = { t: 'connect'; ports: number[]; from: number; count: number; changes: number };
type FromWorker =
  | { t: 'connected' }
  | {
      t: 'done';
      received: Float64Array;
      /** When each client received pointer move n (NaN: never; a newer one may have replaced it). */
      pointed: Float64Array;
      clients: number;
      orphaned: number;
      recoveredAt: number;
      /** For each client that lost its instance: ms from the loss until it had a state again. */
      recoveries: number[];
      ended: number;
      /** CPU the process spent from the first change to the end. */
      cpuMs: number;
    };

/** A relay instance: serves, and reports its RSS (after a full GC) and CPU time when asked. */
async function relayProcess(): Promise<void> {
  const { serveDeck } = await import('../src/server/app.ts');
  const root = mkdtempSync(join(tmpdir(), 'bench-follow-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>bench</title>');
  const redis = process.env.BENCH_REDIS || undefined;
  // Every client comes from 127.0.0.1: the per-address limits would be the bench's bottleneck, not the relay.
  const relay = {
    token: TOKEN,
    redis,
    maxPerAddress: 100_000,
    maxPendingPerAddress: 100_000,
    maxClients: 100_000,
    log: () => {},
  };
  const deck = await serveDeck({ root, port: 0, relay });
  const send = (m: FromRelay) => process.send!(m);
  process.on('message', () => {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const [cpuMs, sysMs] = [(cpu.user + cpu.system) / 1000, cpu.system / 1000];
    send({ t: 'usage', rss: process.memoryUsage().rss, cpuMs, sysMs });
  });
  process.on('disconnect', () => void deck.close().then(() => process.exit(0)));
  // Let start-up garbage go before the idle measurement, or RSS shrinks under the clients' weight.
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  send({ t: 'listening', port: Number(new URL(deck.url).port) });
}

/**
 * A client process: `count` audience sockets, round robin over the relays. A socket that drops reconnects to
 * the next relay at once (as a load balancer would route it), then with backoff, and resyncs from the
 * snapshot it gets. Records when each client received each seq.
 */
async function workerProcess(): Promise<void> {
  const job = await new Promise<ToWorker>((resolve) => process.once('message', resolve));
  const { ports, count, changes } = job;
  const received = new Float64Array(count * changes).fill(Number.NaN);
  const pointed = new Float64Array(count * changes).fill(Number.NaN);
  const last = new Array<number>(count).fill(0);
  let orphaned = 0;
  let recoveredAt = 0;
  const recoveries: number[] = [];
  let ended = 0;
  const lostAt = new Array<number>(count).fill(0);
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const open = (client: number, relay: number, attempt: number): Promise<void> =>
    new Promise((resolve) => {
      let welcomed = false;
      const ws = openLean(ports[relay % ports.length]!, '/follow?v=2', {
        open: () => ws.send('{"v":1,"t":"hello","role":"audience"}'),
        message: (text) => {
          const t = now();
          if (!welcomed) {
            welcomed = true;
            resolve();
          }
          if (text.startsWith('{"v":2,"t":"pointer"')) {
            const n = Number(/"el":"(\d+)"/.exec(text)?.[1]);
            if (n >= 1 && n <= changes) pointed[client * changes + n - 1] = t;
            return;
          }
          if (!text.startsWith('{"v":1,"t":"state"')) return;
          const seq = Number(/"seq":(\d+)/.exec(text)?.[1]);
          if (lostAt[client]) {
            recoveredAt = Math.max(recoveredAt, t);
            recoveries.push(t - lostAt[client]!);
            lostAt[client] = 0;
          }
          if (seq >= 1 && seq <= changes) received[client * changes + seq - 1] = t;
          last[client] = seq;
          if (seq === changes && ++ended === count) finish();
        },
        close: () => {
          if (!welcomed) {
            // Refused (the instance is gone): the next one at once, then back off once all were tried.
            const wait = attempt < ports.length ? 0 : Math.min(5000, 250 * 2 ** (attempt - ports.length));
            setTimeout(
              () => void open(client, relay + 1, attempt + 1).then(resolve),
              wait * (0.5 + Math.random() / 2),
            );
            return;
          }
          if (!lostAt[client]) orphaned++;
          lostAt[client] = now();
          // As the page's follower does (runtime/follow/connection.ts): the first retry after 125–250 ms; spread
          // over the other instances, as a round-robin load balancer would.
          const next = relay + 1 + (client % Math.max(1, ports.length - 1));
          setTimeout(() => void open(client, next, 1), RETRY_MS / 2 + Math.random() * (RETRY_MS / 2));
        },
      });
    });

  for (let i = 0; i < count; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - i) }, (_, k) => open(i + k, job.from + i + k, 0)),
    );
  }
  const cpu0 = process.cpuUsage();
  process.send!({ t: 'connected' } satisfies FromWorker);
  await new Promise((resolve) => process.once('message', resolve)); // the presenter is done
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const done: FromWorker = {
    t: 'done',
    received,
    pointed,
    clients: count,
    orphaned,
    recoveredAt,
    recoveries,
    ended,
    cpuMs,
  };
  process.send!(done);
  process.once('disconnect', () => process.exit(0));
}

function child<M extends { t: string }>(args: string[], env: NodeJS.ProcessEnv = {}) {
  const proc = fork(self, args, {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    env: { ...process.env, ...env },
  });
  const next = <T extends M['t']>(t: T) =>
    new Promise<Extract<M, { t: T }>>((resolve, reject) => {
      const on = (m: M) => {
        if (m.t !== t) return;
        proc.off('message', on);
        resolve(m as Extract<M, { t: T }>);
      };
      proc.on('message', on);
      proc.once('exit', (code, signal) => reject(new Error(`${args[0]} exited with ${code ?? signal}`)));
    });
  return { proc, next };
}

function startRelay(redis: string | undefined) {
  const { proc, next } = child<FromRelay>(['--relay'], { BENCH_REDIS: redis ?? '' });
  return {
    proc,
    listening: next('listening'),
    usage: async (): Promise<Usage> => {
      const reply = next('usage');
      proc.send({ t: 'usage' });
      return await reply;
    },
  };
}

/** CPU time a process has used, in ms (from /proc: utime + stime). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString()) || 100;
  return ((Number(fields[11]) + Number(fields[12])) / ticks) * 1000;
}

const percentile = (sorted: Float64Array | number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '1000' },
      relays: { type: 'string', default: '1' },
      changes: { type: 'string', default: '200' },
      interval: { type: 'string', default: '40' },
      workers: { type: 'string' },
      kill: { type: 'boolean', default: false },
    },
  });
  const [clients, relays, changes, interval] = [
    values.clients,
    values.relays,
    values.changes,
    values.interval,
  ].map(Number) as [number, number, number, number];
  const workers = Number(values.workers ?? Math.max(1, Math.ceil(clients / 2500)));
  if (![clients, relays, changes, interval, workers].every((n) => Number.isInteger(n) && n > 0))
    throw new Error('--clients, --relays, --changes, --interval and --workers must be positive integers');
  if (values.kill && relays < 2) throw new Error('--kill needs --relays 2 or more');

  const redis = relays > 1 ? await RedisServer.start() : undefined;
  const instances = Array.from({ length: relays }, () => startRelay(redis?.url));
  const ports = await Promise.all(instances.map(async (r) => (await r.listening).port));
  const idle = await Promise.all(instances.map((r) => r.usage()));

  // Clients, spread over the worker processes and, round robin, over the relays.
  const pool = Array.from({ length: workers }, () => child<FromWorker>(['--worker']));
  let from = 0;
  await Promise.all(
    pool.map((w, i) => {
      const count = Math.floor(clients / workers) + (i < clients % workers ? 1 : 0);
      const connected = w.next('connected');
      w.proc.send({ t: 'connect', ports, from, count, changes } satisfies ToWorker);
      from += count;
      return connected;
    }),
  );
  const loaded = await Promise.all(instances.map((r) => r.usage()));
  const redisCpu0 = redis ? cpuMsOf(redis.pid!) : 0;

  // The presenter, on the first relay: one change every `interval` ms (each differs from the last, so relay
  // seq n is the n-th change). The relay acks after ordering: send → ack is its own share.
  const presenter = await new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${ports[0]}/follow?v=2&seat=bench`, {
      perMessageDeflate: false,
    });
    ws.once('open', () => ws.send(JSON.stringify({ v: 1, t: 'hello', role: 'presenter', token: TOKEN })));
    ws.once('message', () => resolve(ws));
    ws.once('error', reject);
  });
  const sentAt = new Float64Array(changes + 1);
  const pointedAt = new Float64Array(changes + 1);
  const acks: number[] = [];
  presenter.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { t: string; seq: number };
    if (m.t === 'ack') acks.push(now() - sentAt[m.seq]!);
  });
  let killedAt = 0;
  for (let n = 1; n <= changes; n++) {
    if (values.kill && n === Math.ceil(changes / 2)) {
      killedAt = now();
      instances.at(-1)!.proc.kill('SIGKILL');
    }
    const state = { h: n % 50, v: n % 3, f: (n % 4) - 1, overview: false, paused: false };
    sentAt[n] = now();
    presenter.send(JSON.stringify({ v: 1, t: 'state', seq: n, state }));
    await new Promise((resolve) => setTimeout(resolve, interval / 2));
    // Half-way to the next change, the pointer moves on this slide (move n: `el` carries n).
    const at = { h: state.h, v: state.v, x: (n % 100) / 100, y: 0.5, el: String(n) };
    pointedAt[n] = now();
    presenter.send(JSON.stringify({ v: 2, t: 'pointer', at }));
    await new Promise((resolve) => setTimeout(resolve, interval / 2));
  }
  const results = await Promise.all(
    pool.map((w) => {
      const done = w.next('done');
      w.proc.send({ t: 'presenter-done' });
      return done;
    }),
  );
  const live = values.kill ? instances.slice(0, -1) : instances;
  const end = await Promise.all(live.map((r) => r.usage()));
  const redisCpu = redis ? cpuMsOf(redis.pid!) - redisCpu0 : 0;

  // States are whole snapshots: change n is on a client's screen once it has n or a newer one. Its latency is
  // until then; a change the relay skipped for a newer one (under load) is "superseded", and "lost" only when
  // the client never got it nor anything newer.
  const latencies: number[] = [];
  let got = 0;
  let shown = 0;
  let orphaned = 0;
  let recoveredAt = 0;
  const recovered: number[] = [];
  let ended = 0;
  for (const r of results) {
    for (let c = 0; c < r.clients; c++) {
      let first = Number.POSITIVE_INFINITY;
      for (let seq = changes; seq >= 1; seq--) {
        const t = r.received[c * changes + seq - 1]!;
        if (!Number.isNaN(t)) {
          got++;
          first = Math.min(first, t);
        }
        if (first === Number.POSITIVE_INFINITY) continue;
        shown++;
        latencies.push(first - sentAt[seq]!);
      }
    }
    orphaned += r.orphaned;
    recoveredAt = Math.max(recoveredAt, r.recoveredAt);
    recovered.push(...r.recoveries);
    ended += r.ended;
  }
  const sorted = Float64Array.from(latencies).sort();
  // The pointer: move n is shown once the client has it or a newer one (the relay keeps the newest only).
  const pointerLatencies: number[] = [];
  let pointerGot = 0;
  for (const r of results) {
    for (let c = 0; c < r.clients; c++) {
      let first = Number.POSITIVE_INFINITY;
      for (let n = changes; n >= 1; n--) {
        const t = r.pointed[c * changes + n - 1]!;
        if (!Number.isNaN(t)) {
          pointerGot++;
          first = Math.min(first, t);
        }
        if (first !== Number.POSITIVE_INFINITY) pointerLatencies.push(first - pointedAt[n]!);
      }
    }
  }
  const pointerSorted = Float64Array.from(pointerLatencies).sort();
  const expected = clients * changes;
  const lost = expected - shown;
  const superseded = shown - got;
  const p99 = percentile(sorted, 99);
  const p99Goal = relays > 1 ? GOAL.p99MsScaled : GOAL.p99Ms;
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  const perRelay = instances.map((_, i) => {
    const share = Math.floor(clients / relays) + (i < clients % relays ? 1 : 0);
    return (loaded[i]!.rss - idle[i]!.rss) / share / 1024;
  });
  const cpuPerChange = live.map((_, i) => (end[i]!.cpuMs - loaded[i]!.cpuMs) / changes);
  const sysPerChange = live.map((_, i) => (end[i]!.sysMs - loaded[i]!.sysMs) / changes);
  const clientCpu = results.reduce((sum, r) => sum + r.cpuMs, 0) / changes;
  const recovery = values.kill ? recoveredAt - killedAt : 0;
  const lines = [
    `follow-along relay: ${clients} clients over ${relays} relay${relays > 1 ? 's sharing Redis' : ''}, ${changes} changes, one every ${interval} ms (loopback, ${workers} client process${workers > 1 ? 'es' : ''})`,
    `fan-out latency  p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  p99 ${ms(p99)}  max ${ms(sorted.at(-1) ?? Number.NaN)}`,
    `pointer fan-out  p50 ${ms(percentile(pointerSorted, 50))}  p95 ${ms(percentile(pointerSorted, 95))}  p99 ${ms(percentile(pointerSorted, 99))}  max ${ms(pointerSorted.at(-1) ?? Number.NaN)} (${pointerGot} of ${expected} moves received, the rest superseded by a newer one; at most 30 a second)`,
    `relay ordering   p50 ${ms(
      percentile(
        acks.sort((a, b) => a - b),
        50,
      ),
    )}  p99 ${ms(percentile(acks, 99))} (presenter send → ack)`,
    values.kill
      ? `messages         ${got} of ${expected} received; ${orphaned} clients lost their instance and resynced from a snapshot (what they missed meanwhile is not counted lost)`
      : `messages lost    ${lost} of ${expected} (${superseded} superseded: skipped for a newer state while a fan-out was under way)`,
    ...instances.map(
      (_, i) =>
        `relay #${i + 1} RSS     ${(idle[i]!.rss / 2 ** 20).toFixed(1)} MB idle, ${(loaded[i]!.rss / 2 ** 20).toFixed(1)} MB with its clients: ${perRelay[i]!.toFixed(1)} KB per client${values.kill && i === relays - 1 ? ' (killed halfway)' : `; CPU ${ms(cpuPerChange[i]!)} per change (${ms(sysPerChange[i]!)} of it in the kernel)`}`,
    ),
    `clients CPU      ${ms(clientCpu)} per change in the ${workers} client processes (the same cores: it counts as latency)`,
    ...(redis
      ? [
          `redis CPU        ${ms(redisCpu / changes)} per change (${((redisCpu / (changes * interval)) * 100).toFixed(1)} % of one core)`,
        ]
      : []),
    ...(values.kill
      ? [
          `instance loss    every client of the killed instance had the latest state again ${ms(recovery)} after the kill; ${ended} of ${clients} ended on the last change`,
          `reconnects       ${recovered.length}, each from its loss to a state again: p50 ${ms(
            percentile(
              recovered.sort((a, b) => a - b),
              50,
            ),
          )}  p95 ${ms(percentile(recovered, 95))}  max ${ms(recovered.at(-1) ?? Number.NaN)}`,
        ]
      : []),
  ];
  const kbOk = perRelay.every((kb) => kb <= GOAL.kbPerClient);
  const lossOk = values.kill ? ended === clients : lost === 0;
  const recoveryOk = !values.kill || (recovery > 0 && recovery <= GOAL.recoveryMs);
  lines.push(
    `goals            p99 ≤ ${p99Goal} ms: ${ok(p99 <= p99Goal)}; ${values.kill ? 'all end on the last change' : '0 lost'}: ${ok(lossOk)}; ≤ ${GOAL.kbPerClient} KB per client: ${ok(kbOk)}${values.kill ? `; recovery ≤ ${GOAL.recoveryMs} ms: ${ok(recoveryOk)}` : ''}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  presenter.close();
  for (const w of pool) w.proc.disconnect();
  for (const r of live) r.proc.disconnect();
  await Promise.all([...pool, ...live].map((c) => exited(c.proc)));
  await redis?.stop();
  return p99 <= p99Goal && lossOk && kbOk && recoveryOk ? 0 : 1;
}

const exited = (proc: ChildProcess) =>
  proc.exitCode !== null ? Promise.resolve() : new Promise((resolve) => proc.once('exit', resolve));

if (process.argv.includes('--relay')) {
  await relayProcess();
} else if (process.argv.includes('--worker')) {
  await workerProcess();
} else if (process.env.BENCH_FD_RAISED !== '1') {
  // Thousands of sockets need more descriptors than the usual 1,024: raise the limit for this run only.
  const argv = [process.execPath, ...process.execArgv, self, ...process.argv.slice(2)];
  const run = spawnSync(
    'sh',
    ['-c', `ulimit -n ${FD_LIMIT} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`, 'sh', ...argv],
    {
      stdio: 'inherit',
      env: { ...process.env, BENCH_FD_RAISED: '1' },
    },
  );
  process.exitCode = run.status ?? 1;
} else {
  process.exitCode = await main();
}
