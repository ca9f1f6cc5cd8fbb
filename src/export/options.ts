import { join, resolve } from 'node:path';
import { type Flags, readArgs } from '../cli/args.ts';
import { DeckError } from '../compiler/diagnostics.ts';
import type { DeckConfig } from '../config/index.ts';

export type ExportFormat = 'pdf' | 'png' | 'pptx' | 'html';

/** Everything `deck export` can be told, with its default. */
export interface ExportOptions {
  format: ExportFormat;
  /** The deck's settings. */
  config: DeckConfig;
  /** The built site: the config's out dir. */
  dist: string;
  /** PDF file, PNG folder, PPTX or HTML file. @default `exports/<deck-name>.pdf`, `-png/`, `.pptx`, `.html` in the deck folder */
  out: string;
  /** One of the deck's languages (HTML: the one the file opens on; it holds them all). @default the source language */
  lang: string;
  /** That language's page in the built site. */
  page: string;
  /** PDF: a page of speaker notes after each slide that has notes (default false); PPTX: the notes pages (default true). */
  notes: boolean;
  /** PDF: one page per fragment step instead of one per slide. @default false */
  fragments: boolean;
  /** PNG: pixels per design pixel (1920×1080 × scale). @default 1 */
  scale: number;
  /** Nothing on stderr but errors. @default false */
  quiet: boolean;
  /** How long the deck may take to become ready, in seconds. @default 60 */
  timeout: number;
}

export const EXPORT_USAGE = `usage: deck export pdf [DIR] [--out FILE] [--lang LANG] [--notes] [--fragments] [--quiet] [--timeout S]
       deck export png [DIR] [--out DIR] [--lang LANG] [--scale N] [--quiet] [--timeout S]
       deck export pptx [DIR] [--out FILE] [--lang LANG] [--notes|--no-notes] [--quiet] [--timeout S]
       deck export html [DIR] [--out FILE] [--lang LANG] [--quiet]
DIR is the deck folder (default: the current one); LANG one of the deck's languages (default: its own).`;

/** How the export's browser page is set up: the exported variant's language, the config's time zone. */
export function exportPage(options: ExportOptions): { locale: string; timezoneId: string } {
  return { locale: options.lang, timezoneId: options.config.timezone };
}

/** Flags that take a value (`--out FILE`): the word after them is not the deck folder. */
const VALUED = ['--out', '--lang', '--scale', '--timeout'];
const out = { type: 'string' } as const;
const lang = { type: 'string' } as const;
const quiet = { type: 'boolean' } as const;
const timeout = { type: 'string' } as const;
const notes = { type: 'boolean' } as const;
/** Each format's flags, as node:util's parseArgs reads them (src/cli/args.ts). */
const FLAGS = {
  pdf: { out, lang, notes, fragments: { type: 'boolean' }, quiet, timeout },
  png: { out, lang, scale: { type: 'string' }, quiet, timeout },
  pptx: { out, lang, notes, 'no-notes': { type: 'boolean' }, quiet, timeout },
  html: { out, lang, quiet },
} as const satisfies Record<ExportFormat, Flags>;
const TAKES = { out: 'a path', lang: "one of the deck's languages", scale: 'a number', timeout: 'a number' };
const EXTENSION: Record<ExportFormat, string> = { pdf: '.pdf', png: '-png', pptx: '.pptx', html: '.html' };

/** Where exports go by default, in the deck folder: beside the built site, not in it. */
export const exportsDir = (config: DeckConfig) => join(config.root, 'exports');

const usage = (message: string) => new DeckError(`${message}\n${EXPORT_USAGE}`, [], 2);

/** `pdf [DIR] [flags]`: the deck folder, when one is given, and the rest. */
export function exportDir(args: string[]): { dir: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (i > 0 && dir === undefined && !arg.startsWith('-') && !VALUED.includes(args[i - 1]!)) dir = arg;
    else rest.push(arg);
  }
  return { dir, rest };
}

function number(flag: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value) || value < min || value > max)
    throw usage(
      `${flag} takes a number from ${min} to ${max}; got ${text === undefined ? 'nothing' : `"${text}"`}`,
    );
  return value;
}

/** Reads `pdf|png [flags]`; a wrong flag or value is a usage error (exit 2) that says what is allowed. */
export function parseExportArgs(args: string[], config: DeckConfig): ExportOptions {
  const [format, ...rest] = args;
  if (format !== 'pdf' && format !== 'png' && format !== 'pptx' && format !== 'html')
    throw usage(
      format
        ? `unknown export format "${format}": use pdf, png, pptx or html`
        : 'say what to export: pdf, png, pptx or html',
    );
  const dist = config.outDir;
  const options: ExportOptions = {
    format,
    config,
    dist,
    out: join(exportsDir(config), `${config.name}${EXTENSION[format]}`),
    lang: config.lang,
    page: config.variants[0]!.page,
    notes: format === 'pptx',
    fragments: false,
    scale: 1,
    quiet: false,
    timeout: 60,
  };
  const { values, positionals } = readArgs(rest, {
    flags: FLAGS[format] as Flags,
    usage: EXPORT_USAGE,
    takes: TAKES,
    of: `export ${format}`,
  });
  if (positionals.length > 0) throw usage(`one deck folder at a time; got also "${positionals.join(' ')}"`);
  if (values.out !== undefined) {
    if (!values.out) throw usage('--out takes a path');
    options.out = resolve(String(values.out));
  }
  if (values.lang !== undefined) {
    const lang = String(values.lang);
    const variant = config.variants.find((v) => v.lang === lang);
    if (!variant)
      throw usage(
        `--lang must be one of the deck's languages (${config.variants.map((v) => v.lang).join(', ')}); got "${lang}"`,
      );
    options.lang = variant.lang;
    options.page = variant.page;
  }
  if (values.scale !== undefined) options.scale = number('--scale', String(values.scale), 0.25, 4);
  if (values.timeout !== undefined) options.timeout = number('--timeout', String(values.timeout), 1, 3600);
  if (values.notes) options.notes = true;
  if (values['no-notes']) options.notes = false;
  if (values.fragments) options.fragments = true;
  if (values.quiet) options.quiet = true;
  return options;
}
