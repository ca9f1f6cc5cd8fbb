import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { DeckError } from '../compiler/diagnostics.ts';

export const INSTALL_HINT =
  'no Chromium found: install one with "apt-get install chromium" (Debian), or set CHROMIUM_PATH to a Chromium or Chrome executable';

/**
 * Playwright, loaded with `require`. Imported from ES modules, each of its CommonJS modules goes through the ESM
 * loader, which scans its source for exports: about a second of start-up that `require` does not spend.
 */
export function playwright(): typeof import('playwright-core') {
  return createRequire(import.meta.url)('playwright-core');
}

/**
 * A Chromium in Playwright's own cache ($PLAYWRIGHT_BROWSERS_PATH or ~/.cache/ms-playwright), newest revision
 * first. Looked up on disk rather than asked of Playwright, which would have to load first.
 */
function playwrightCacheChromium(env: NodeJS.ProcessEnv): string | undefined {
  const cache = env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache/ms-playwright');
  let revisions: string[];
  try {
    revisions = readdirSync(cache).filter((name) => /^chromium-\d+$/.test(name));
  } catch {
    return undefined;
  }
  revisions.sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)));
  for (const revision of revisions)
    for (const dir of ['chrome-linux64', 'chrome-linux']) {
      const path = join(cache, revision, dir, 'chrome');
      if (existsSync(path)) return path;
    }
  return undefined;
}

/**
 * The Chromium to drive, in order: $CHROMIUM_PATH, Playwright's own cache, /usr/bin/chromium.
 * Playwright cannot download a browser here, so a missing one is an error that says how to get one.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new DeckError(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist; ${INSTALL_HINT}`, [], 3);
  }
  const own = playwrightCacheChromium(env);
  if (own) return own;
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  throw new DeckError(INSTALL_HINT, [], 3);
}

/** Launch flags: no sandbox only as root (Chromium refuses to start sandboxed as root), and no background traffic. */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--font-render-hinting=none',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

/**
 * Where Chromium's throwaway profile goes: memory (/dev/shm) when there is room, else the temp folder. Its
 * ~200 files (SQLite databases, synced as they are written) took ~0.1 s to remove from a disk, ~5 ms from memory.
 */
function profileParent(): string {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize >= 256 * 1024 * 1024) return '/dev/shm';
  } catch {
    // No /dev/shm here.
  }
  return tmpdir();
}

/** A headless Chromium this process started, driven over DevTools. */
export interface ChromiumProcess {
  /** Chromium's DevTools WebSocket URL, once it listens (started with `pipe`: never). */
  endpoint: Promise<string>;
  /** Started with `pipe`: the DevTools pipe (commands in, replies and events out, each ending in NUL). */
  pipe?: { input: Writable; output: Readable };
  /** Its process id. */
  pid: number | undefined;
  /** Rejects when Chromium exits or fails to start before it is closed, with its last words. */
  failed: Promise<never>;
  /** Kills Chromium and every process it started, then removes its profile; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts headless Chromium at once, before Playwright (or the rest of the export) has loaded: Chromium's
 * start-up then overlaps the rest instead of adding to it. It runs with a fresh profile, and listens on a
 * loopback port for Playwright to connect over CDP, or, with `pipe`, on a pipe only this process holds.
 */
export function startChromium(
  executable: string,
  args: string[],
  { timeoutMs = 30_000, pipe = false } = {},
): ChromiumProcess {
  const profile = mkdtempSync(join(profileParent(), 'deck-chromium-'));
  const child = spawn(
    executable,
    [
      ...args,
      '--headless',
      '--hide-scrollbars',
      '--mute-audio',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      ...(pipe
        ? ['--remote-debugging-pipe']
        : ['--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0']),
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    // Its own process group, so that closing ends the renderers and helpers with it. The pipe is fds 3 and 4.
    { detached: true, stdio: ['ignore', 'ignore', 'pipe', ...(pipe ? (['pipe', 'pipe'] as const) : [])] },
  );
  let closing: Promise<void> | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  let log = '';
  const lastWords = () => {
    const last = log.trim().split('\n').slice(-3).join(' | ');
    return new Error(`Chromium (${executable}) exited (${child.signalCode ?? child.exitCode}): ${last}`);
  };
  const endpoint = new Promise<string>((resolve, reject) => {
    // Over a pipe there is nothing to listen for: the pipe's first reply says Chromium is up.
    const timer = pipe
      ? undefined
      : setTimeout(
          () => reject(new Error(`Chromium (${executable}) did not start within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
    // Read stderr to the end: a full pipe would stall Chromium.
    child.stderr?.on('data', (chunk: Buffer) => {
      if (log.length > 8192) return;
      log += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(lastWords());
    });
  });
  endpoint.catch(() => undefined);
  const failed = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', () => {
      if (!closing) reject(lastWords());
    });
  });
  failed.catch(() => undefined);
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
    }
    rmSync(profile, { recursive: true, force: true });
  };
  return {
    endpoint,
    pipe: pipe ? { input: child.stdio[3] as Writable, output: child.stdio[4] as Readable } : undefined,
    pid: child.pid,
    failed,
    close: () => (closing ??= close()),
  };
}
