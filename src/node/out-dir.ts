import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { DeckError } from '../compiler/diagnostics.ts';

/**
 * The file the build leaves in its out dir, listing what it made there: the next build replaces those files
 * and nothing else, and a folder without it is never written into unless it is empty.
 */
export const MARKER = '.deck-build';

/** A built page and its compressed copies: moved in last, once the assets they name are in place. */
const PAGE = /\.html(\.br|\.gz)?$/;

/** Every file under `dir`, relative, with forward slashes, sorted. */
export function filesUnder(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, base));
    else out.push(relative(base, path).split(sep).join('/'));
  }
  return out.sort();
}

function readMarker(dir: string): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, MARKER), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    if (Array.isArray(files)) return files.filter((f): f is string => typeof f === 'string' && safe(f));
  } catch {
    // An unreadable marker: the folder is still the build's, with nothing known to replace.
  }
  return [];
}

/** A listed path that stays inside the folder (a hand-edited marker must not reach out of it). */
const safe = (f: string) => f !== '' && !f.startsWith('/') && !f.split('/').includes('..') && f !== MARKER;

/** The source page and a variant's (`zh-Hant/index.html`), with their compressed copies. */
const LEGACY_PAGE = /^(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\/)?index\.html(?:\.br|\.gz)?$/;

/**
 * A site built before the marker existed: an `index.html` with the compressed copies only the deck's build
 * writes. Its files are the pages, their copies and `assets/`; anything else (an export saved there) is kept.
 */
function legacyFiles(files: string[]): string[] | undefined {
  if (!files.includes('index.html') || !(files.includes('index.html.br') || files.includes('index.html.gz')))
    return undefined;
  return files.filter((f) => f.startsWith('assets/') || f.startsWith('.vite/') || LEGACY_PAGE.test(f));
}

/**
 * The files the previous build made in `out`, which the next one may replace or remove: none when the folder
 * is missing or empty. A folder holding files no build made (no marker) is refused, never emptied.
 * `shown` is how the folder is named in the message.
 */
export function previousBuild(out: string, shown: string): string[] {
  const stat = statSync(out, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory())
    throw new DeckError(
      `the out dir ${shown} is a file, not a folder: set outDir (deck.config) or DECK_OUT_DIR to a folder`,
      [],
      1,
    );
  const marked = readMarker(out);
  if (marked) return marked;
  // Another build's fresh folder is no one's file.
  const files = filesUnder(out).filter((f) => !STAGING.test(f.split('/')[0]!));
  if (files.length === 0) return [];
  const legacy = legacyFiles(files);
  if (legacy) return legacy;
  const some = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
  throw new DeckError(
    `the out dir ${shown} holds files the build did not make (${some}; no ${MARKER} file): ` +
      'the build never empties such a folder; move them out, or set outDir (deck.config) or DECK_OUT_DIR to a new or empty folder',
    [],
    1,
  );
}

/** The fresh folders builds write into, in the out dir: `.deck-staging-<pid>-<random>`. */
const STAGING = /^\.deck-staging-(\d+)-\w{6}$/;

/**
 * A fresh, empty folder inside `out` (the one folder the build writes in, so a service allowed to write
 * there only can build; the same file system, so its files can be renamed into `out`), named with this
 * process's id. Such folders of processes that are gone (a build stopped by Ctrl+C) are removed first.
 */
export function stagingDir(out: string): string {
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(out)) {
    const pid = STAGING.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(out, name), { recursive: true, force: true });
  }
  return mkdtempSync(join(out, `.deck-staging-${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // there, but someone else's
  }
}

/**
 * Which files move in and which go: assets first and pages last (a page is never served before the files it
 * names), then the previous build's files that the new one did not make. Files of no build are in neither list.
 */
export function swapPlan(previous: string[], made: string[]): { moves: string[]; removals: string[] } {
  const pages = made.filter((f) => PAGE.test(f));
  const moves = [...made.filter((f) => !PAGE.test(f)), ...pages];
  const kept = new Set(made);
  return { moves, removals: previous.filter((f) => !kept.has(f) && safe(f)) };
}

function writeMarker(out: string, files: string[]): void {
  const temp = join(out, `${MARKER}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(temp, `${JSON.stringify({ by: 'deck build', files }, null, 1)}\n`);
  renameSync(temp, join(out, MARKER));
}

/**
 * Moves the build in `staged` into `out`, file by file, each by one rename over the old one: the folder and
 * every page in it exist throughout, so a server reading it never answers 404 mid-build. The marker lists the
 * old and new files while they are swapped (a swap cut short is finished by the next build), then the new ones.
 */
export function swapIn(staged: string, out: string, previous: string[]): string[] {
  const made = filesUnder(staged);
  const { moves, removals } = swapPlan(previous, made);
  mkdirSync(out, { recursive: true });
  writeMarker(out, [...new Set([...previous, ...made])].sort());
  for (const file of moves) {
    const to = join(out, file);
    mkdirSync(dirname(to), { recursive: true });
    renameSync(join(staged, file), to);
  }
  for (const file of removals) {
    rmSync(join(out, file), { force: true });
    // Folders the old build made and the new one left empty go too (a folder still holding a file stays).
    for (let dir = dirname(join(out, file)); dir !== out && dir.startsWith(out + sep); dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
  writeMarker(out, made);
  return made;
}
