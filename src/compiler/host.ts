import { fullEm, type TextMeasure } from './measure.ts';
import { outsideRoot } from './paths.ts';
import { binaryProblem } from './text.ts';

/** A text file the host read, or why it could not (with the place of bad bytes, when there is one). */
export type HostRead = { text: string } | { problem: string; line?: number; column?: number };

/**
 * What the compiler may ask of the outside world; the Node edge implements it over the file system. Paths are
 * relative to the project root; the compiler never asks for one outside it (see `outsideRoot`), and the host
 * refuses what only the disk can tell: a link out of the project, a device, a directory, a file over the cap.
 */
export interface CompileHost {
  /** Undefined when the deck may publish the file at `path`; otherwise why not ("does not exist", …). */
  check(path: string): string | undefined;
  /** A text file's content, or why it cannot be used. */
  read(path: string): HostRead;
  /** Text width in the page's font: diagrams fit their boxes to it. */
  measure: TextMeasure;
  /** The names of the files in a folder of the project ('' is the root), for a "did you mean"; optional. */
  list?(dir: string): string[] | undefined;
}

export const NOT_FOUND = 'does not exist';

/** An in-memory host for tests and tools: a map from root-relative path to content. */
export function memoryHost(files: Record<string, string> = {}, measure: TextMeasure = fullEm): CompileHost {
  return {
    measure,
    check: (path) => (path in files ? undefined : NOT_FOUND),
    read: (path) => (path in files ? { text: files[path]! } : { problem: NOT_FOUND }),
    list: (dir) => {
      const prefix = dir === '' ? '' : `${dir}/`;
      return Object.keys(files)
        .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'))
        .map((f) => f.slice(prefix.length));
    },
  };
}

/**
 * Reads a text file the deck refers to through the host, refusing one outside the project or one that is not
 * text. `path` comes from `resolveFrom`; a problem with a line is located in the file read, others are not.
 */
export function readDeckText(host: CompileHost, path: string): HostRead {
  if (outsideRoot(path)) return { problem: OUTSIDE };
  const read = host.read(path);
  if (!('text' in read)) return read;
  const binary = binaryProblem(read.text);
  return binary ? { problem: binary.message, line: binary.line, column: binary.column } : read;
}

/** Whether the deck may publish `path` (an image): undefined when it may, else why not. */
export function checkDeckFile(host: CompileHost, path: string): string | undefined {
  return outsideRoot(path) ? OUTSIDE : host.check(path);
}

export const OUTSIDE =
  'is outside the project folder; a deck may only use files inside it (copy the file into the project)';
