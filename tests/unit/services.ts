import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real services for the tests (Debian's redis-server and nginx, `deck start` itself): each on a free port
 * with a temp dir, each stopped by the test that started it.
 */

export const repo = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Spawns a process and resolves once its output matches `ready`; rejects if it exits first. */
async function launch(command: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env } });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const on = (d: Buffer) => {
      output += d;
      if (ready.test(output)) resolve();
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
    child.once('error', reject);
  });
  return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** A redis-server with no persistence: a restart loses everything, the hardest case for the relays. */
export class RedisServer {
  private child: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const redis = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'deck-redis-')));
    await redis.run();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** The server's process id (the bench reads its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private async run(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir];
    args.push('--save', '', '--appendonly', 'no', '--logfile', '');
    this.child = (await launch('redis-server', args, /Ready to accept connections/)).child;
  }

  /** Kills it (no shutdown, no save). */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
  }

  /** Starts it again on the same port, empty. */
  async restart(): Promise<void> {
    await this.kill();
    await this.run();
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A site `deck start` serves without building: an index.html dated in the future, under .out/. */
export function prebuiltSite(name: string): { out: string; remove(): void } {
  const out = `.out/${name}-${process.pid}`;
  const dir = join(repo, out);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>deck</title>');
  const future = Date.now() / 1000 + 365 * 86_400;
  utimesSync(join(dir, 'index.html'), future, future);
  return { out, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `deck start` as an operator runs it: a process of its own, stopped (or killed) by the test. */
export class DeckProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(env: Record<string, string>): Promise<DeckProcess> {
    const { child, output } = await launch(process.execPath, ['src/cli/bin.mjs', 'start'], /Ctrl\+C/, {
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    });
    const port = Number(/audience\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output())?.[1]);
    return new DeckProcess(child, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.child.kill(signal);
    await exited(this.child);
  }
}

/** nginx with the site from deploy/nginx.conf, its upstreams and port replaced by the test's. */
export class Nginx {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(upstreams: number[]): Promise<Nginx> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'deck-nginx-'));
    // The upstream's servers become the test's instances (with the same options); it listens on a free port.
    const lines = readFileSync(join(repo, 'deploy/nginx.conf'), 'utf8').split('\n');
    const upstream = /^(\s*)server 127\.0\.0\.1:\d+(.*)$/;
    const first = lines.findIndex((l) => upstream.test(l));
    const [, indent, rest] = upstream.exec(lines[first] ?? '') ?? [];
    if (first < 0) throw new Error('deploy/nginx.conf has no upstream server 127.0.0.1:<port>');
    const site = [
      ...lines.slice(0, first),
      ...upstreams.map((p) => `${indent}server 127.0.0.1:${p}${rest}`),
      ...lines.slice(first).filter((l) => !upstream.test(l)),
    ]
      .join('\n')
      .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
    writeFileSync(join(dir, 'site.conf'), site);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .map((t) => `${t}_temp_path ${dir}/${t};`)
      .join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http { access_log off; ${temp} include ${dir}/site.conf; }
`,
    );
    // Debian puts nginx in /usr/sbin, which a non-root PATH may lack.
    const bin = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
    const child = spawn(bin, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    const nginx = new Nginx(child, port, dir);
    // Ready when it answers (the relays' health check, through it).
    for (let i = 0; ; i++) {
      if (child.exitCode !== null)
        throw new Error(`nginx exited: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      const ok = await fetch(`${nginx.url}healthz`).then(
        () => true,
        () => false,
      );
      if (ok) return nginx;
      if (i > 500) throw new Error('nginx did not answer');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await exited(this.child);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
