import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { afterEach, describe, expect, it } from 'vitest';
import { banner, deckUrls, lanAddresses } from '../../src/cli/banner.ts';
import { TestClient } from './relay-helpers.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];

/** A prebuilt site dated in the future, so `deck start` serves it without building. */
function prebuilt(): string {
  const out = `.out/start-test-${process.pid}`;
  const dir = join(repo, out);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>deck</title>');
  const future = Date.now() / 1000 + 365 * 86_400;
  utimesSync(join(dir, 'index.html'), future, future);
  return out;
}

/** Runs `deck start` and resolves with its output once it has printed the presenter line. */
async function start(env: Record<string, string>) {
  const out = prebuilt();
  const child = spawn(process.execPath, ['src/cli/bin.mjs', 'start'], {
    cwd: repo,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DECK_OUT_DIR: out, ...env },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (/Ctrl\+C/.test(stdout)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout, exited, out };
}

/**
 * The modules of the QR code in `deck start`'s output (qrcode's small terminal renderer: two rows of modules
 * per line, `▀`/`▄`/`█` in the ink colour, which is black unless set to white just before the character).
 * Rows and columns include the one-module white border the renderer draws.
 */
function terminalQr(stdout: string): boolean[][] {
  const esc = String.fromCharCode(27);
  const token = new RegExp(`${esc}\\[\\d+m|[^${esc}]`, 'g');
  const lines = stdout.split('\n').filter((l) => l.includes(`${esc}[47m`));
  const rows: boolean[][] = [];
  for (const line of lines) {
    const top: boolean[] = [];
    const bottom: boolean[] = [];
    let ink = true; // black
    for (const t of line.slice(line.indexOf(esc)).match(token) ?? []) {
      if (t === `${esc}[37m`) ink = false;
      else if (t === `${esc}[30m`) ink = true;
      else if (!t.startsWith(esc)) {
        top.push(ink && (t === '▀' || t === '█'));
        bottom.push(ink && (t === '▄' || t === '█'));
      }
    }
    rows.push(top, bottom);
  }
  return rows.filter((r) => r.length > 0);
}

/** The QR code's own modules, checked for shape: square, a QR size, three finder patterns. */
function qrModules(stdout: string): boolean[][] {
  const all = terminalQr(stdout);
  const width = all[0]!.length;
  expect(all.every((r) => r.length === width)).toBe(true);
  const size = width - 2;
  expect((size - 21) % 4, `a QR code is 21 + 4k modules wide; got ${size}`).toBe(0);
  // The border, the modules, the border (the last line's lower half is blank).
  expect(all.length).toBeGreaterThanOrEqual(size + 2);
  const modules = all.slice(1, size + 1).map((r) => r.slice(1, size + 1));
  expect(all[0]!.some(Boolean) || all[size + 1]!.some(Boolean)).toBe(false);
  // A finder pattern: a dark 7×7 ring, a light ring, a dark 3×3 centre.
  const finder = (x0: number, y0: number) =>
    Array.from({ length: 7 }, (_, y) =>
      Array.from({ length: 7 }, (_, x) => {
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        return modules[y0 + y]![x0 + x] === (ring !== 2);
      }).every(Boolean),
    ).every(Boolean);
  expect([finder(0, 0), finder(size - 7, 0), finder(0, size - 7)]).toEqual([true, true, true]);
  return modules;
}

/** Decodes the modules as a camera would see them: 4 px a module, on a white 4-module margin. */
function decodeQr(modules: boolean[][]): string | undefined {
  const scale = 4;
  const side = (modules.length + 8) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [y, row] of modules.entries())
    for (const [x, dark] of row.entries()) {
      if (!dark) continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
          rgba.fill(0, i, i + 3);
        }
    }
  return jsQR(rgba, side, side)?.data;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

// Each test starts Node with tsx: seconds on a busy machine.
describe('deck start', { timeout: 60_000 }, () => {
  it('prints the audience URL, the presenter URL with the token and a QR code; SIGTERM closes cleanly', async () => {
    const { child, stdout, exited, out } = await start({ DECK_PRESENTER_TOKEN: 'start-test-token-123' });
    try {
      const audience = /audience\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
      expect(audience).toBeDefined();
      expect(stdout).toContain(`presenter  ${audience}presenter?token=start-test-token-123`);
      expect(decodeQr(qrModules(stdout))).toBe(audience); // the terminal QR code
      expect(stdout).toContain('token from DECK_PRESENTER_TOKEN');

      // One process serves the page and the relay, which knows the token and advertises the audience URL.
      const page = await fetch(`${audience}presenter`);
      expect(page.status).toBe(200);
      expect(page.headers.get('x-deck-relay')).toBe('/follow');
      const presenter = await TestClient.join(audience!, 'start-test-token-123');
      expect(presenter.messages[0]).toMatchObject({ t: 'welcome', role: 'presenter', join: audience });

      child.kill('SIGTERM');
      expect((await presenter.closedWith()).code).toBe(1001);
      expect(await exited).toBe(0);
    } finally {
      rmSync(join(repo, out), { recursive: true, force: true });
    }
  });

  it('makes up a random token when none is set, and says so', async () => {
    const { child, stdout, exited, out } = await start({ DECK_PRESENTER_TOKEN: '' });
    try {
      expect(stdout).toMatch(/presenter\?token=[A-Za-z0-9_-]{24}\n/);
      expect(stdout).toContain('a new token on every start');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      rmSync(join(repo, out), { recursive: true, force: true });
    }
  });

  it('refuses a PORT that is not a port', async () => {
    const child = spawn(process.execPath, ['src/cli/bin.mjs', 'start'], {
      cwd: repo,
      env: { ...process.env, PORT: 'eighty' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('PORT must be a port number (0–65535); got "eighty"');
  });

  it('refuses a DECK_METRICS_ALLOW entry that is not an address or a range, naming it', async () => {
    const child = spawn(process.execPath, ['src/cli/bin.mjs', 'start'], {
      cwd: repo,
      env: { ...process.env, PORT: '0', DECK_METRICS_ALLOW: '127.0.0.1, prometheus.local' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('DECK_METRICS_ALLOW: "prometheus.local" is not an address or a CIDR range');
  });
});

describe('start banner', () => {
  it('uses the LAN address on 0.0.0.0, the bound one otherwise, and DECK_PUBLIC_URL over both', () => {
    const local = deckUrls('http://127.0.0.1:8080/', '127.0.0.1', 8080, 'tok');
    expect(local).toEqual({
      audience: 'http://127.0.0.1:8080/',
      presenter: 'http://127.0.0.1:8080/presenter?token=tok',
      others: [],
    });
    const lan = lanAddresses();
    const all = deckUrls('http://localhost:8080/', '0.0.0.0', 8080, 'tok');
    expect(all.audience).toBe(lan[0] ? `http://${lan[0]}:8080/` : 'http://localhost:8080/');
    expect(all.others).toEqual(lan.slice(1).map((a) => `http://${a}:8080/`));
    const proxied = deckUrls('http://127.0.0.1:8080/', '0.0.0.0', 8080, 'a b', 'https://deck.example/talk/');
    expect(proxied.audience).toBe('https://deck.example/talk/');
    expect(proxied.presenter).toBe('https://deck.example/talk/presenter?token=a+b');
  });

  it('prints a QR code that reads as the audience URL, whatever the port', async () => {
    // A run of block characters is no test of a QR code: the codes for ports 30055 and 30160 have no run of 10.
    for (const port of [30055, 30160, 8080]) {
      const audience = `http://127.0.0.1:${port}/`;
      const text = await banner(
        'Deck',
        { audience, presenter: `${audience}presenter?token=x`, others: [] },
        true,
      );
      expect(decodeQr(qrModules(text))).toBe(audience);
    }
    // The check can fail: one light module in a finder pattern.
    const text = await banner(
      'Deck',
      { audience: 'http://127.0.0.1:41234/', presenter: 'x', others: [] },
      true,
    );
    expect(() => qrModules(text.replace('▄▄▄▄▄▄▄', '▄▄▄ ▄▄▄'))).toThrow();
  });

  it('prints every LAN address it answers on', async () => {
    const text = await banner(
      'A talk',
      {
        audience: 'http://10.0.0.2:8080/',
        presenter: 'http://10.0.0.2:8080/presenter?token=x',
        others: ['http://192.168.1.9:8080/'],
      },
      true,
    );
    expect(text).toContain('A talk is being served.');
    expect(text).toContain('audience   http://10.0.0.2:8080/');
    expect(text).toContain('also       http://192.168.1.9:8080/');
    expect(text).toContain('presenter  http://10.0.0.2:8080/presenter?token=x');
  });
});
