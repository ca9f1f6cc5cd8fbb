import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `deck export …` as a user runs it: a whole process, and whatever it left running afterwards. */

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'src/cli/bin.mjs');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Processes still alive that the run started (found by an environment marker only they carry). */
  leftovers: number[];
  /** With `killChromiumWhen`: the Chromium killed (its browser process id), once stderr matched. */
  killed?: number;
}

export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) found.push(Number(pid));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** The run's Chromium: its browser process, the one the export process started itself. */
function chromiumOf(parent: number, marker: string): number | undefined {
  return processesWith(marker).find((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === parent && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--user-data-dir=');
    } catch {
      return false;
    }
  });
}

export async function deck(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    /** Kills the export's Chromium (SIGKILL) as soon as its stderr matches: a browser that dies mid-export. */
    killChromiumWhen?: RegExp;
  } = {},
): Promise<Run> {
  const marker = `DECK_EXPORT_TEST_RUN=${randomBytes(8).toString('hex')}`;
  const [key, value] = marker.split('=') as [string, string];
  const child = spawn(process.execPath, [bin, 'export', ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env, [key]: value },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  let killed: number | undefined;
  child.stderr.on('data', (d) => {
    stderr += d;
    if (killed === undefined && options.killChromiumWhen?.test(stderr) && child.pid) {
      killed = chromiumOf(child.pid, marker);
      if (killed) process.kill(killed, 'SIGKILL');
    }
  });
  const status = await new Promise<number | null>((done) => child.on('close', done));
  return { status, stdout, stderr, leftovers: processesWith(marker), killed };
}

/**
 * A PPTX converted to PDF by LibreOffice Impress, as an office would open it: with its own profile (parallel
 * runs never share one, nor wait on each other's lock), and nothing of it left running afterwards.
 */
export async function sofficeToPdf(
  file: string,
  out: string,
): Promise<{ status: number | null; log: string; left: number[] }> {
  const marker = `DECK_SOFFICE_TEST=${out}`;
  const child = spawn(
    'soffice',
    [
      `-env:UserInstallation=file://${out}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      file,
    ],
    { env: { ...process.env, DECK_SOFFICE_TEST: out }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d) => {
    log += d;
  });
  child.stderr.on('data', (d) => {
    log += d;
  });
  const status = await new Promise<number | null>((done) => child.on('close', done));
  return { status, log, left: processesWith(marker) };
}
