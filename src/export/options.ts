import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DeckError } from '../compiler/diagnostics.ts';

export type ExportFormat = 'pdf' | 'png' | 'pptx';
export type ExportLang = 'zh-Hans' | 'zh-Hant';

/** Everything `deck export` can be told, with its default. */
export interface ExportOptions {
  format: ExportFormat;
  /** Project root (the deck is its `slides/`). @default process.cwd() */
  root: string;
  /** The built site. @default $DECK_OUT_DIR or `dist` */
  dist: string;
  /** PDF file, PNG folder or PPTX file. @default `<dist>/<deck-name>.pdf`, `<dist>/<deck-name>-png/`, `<dist>/<deck-name>.pptx` */
  out: string;
  /** @default 'zh-Hans' */
  lang: ExportLang;
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

export const EXPORT_USAGE = `usage: deck export pdf [--out FILE] [--lang zh-Hans|zh-Hant] [--notes] [--fragments] [--quiet] [--timeout S]
       deck export png [--out DIR] [--lang zh-Hans|zh-Hant] [--scale N] [--quiet] [--timeout S]
       deck export pptx [--out FILE] [--lang zh-Hans|zh-Hant] [--notes|--no-notes] [--quiet] [--timeout S]`;

const LANGS: ExportLang[] = ['zh-Hans', 'zh-Hant'];
const FLAGS: Record<ExportFormat, string[]> = {
  pdf: ['--out', '--lang', '--notes', '--fragments', '--quiet', '--timeout'],
  png: ['--out', '--lang', '--scale', '--quiet', '--timeout'],
  pptx: ['--out', '--lang', '--notes', '--no-notes', '--quiet', '--timeout'],
};
const EXTENSION: Record<ExportFormat, string> = { pdf: '.pdf', png: '-png', pptx: '.pptx' };

const usage = (message: string) => new DeckError(`${message}\n${EXPORT_USAGE}`, [], 2);

/** The deck's name for file names: package.json "name" without its scope, else "deck". */
export function deckName(root: string): string {
  try {
    const name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown }).name;
    if (typeof name === 'string' && name) return name.replace(/^@[^/]+\//, '');
  } catch {
    // No package.json: the generic name.
  }
  return 'deck';
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
export function parseExportArgs(
  args: string[],
  root = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): ExportOptions {
  const [format, ...rest] = args;
  if (format !== 'pdf' && format !== 'png' && format !== 'pptx')
    throw usage(
      format
        ? `unknown export format "${format}": use pdf, png or pptx`
        : 'say what to export: pdf, png or pptx',
    );
  const dist = resolve(root, env.DECK_OUT_DIR ?? 'dist');
  const name = deckName(root);
  const options: ExportOptions = {
    format,
    root,
    dist,
    out: join(dist, `${name}${EXTENSION[format]}`),
    lang: 'zh-Hans',
    notes: format === 'pptx',
    fragments: false,
    scale: 1,
    quiet: false,
    timeout: 60,
  };
  for (let i = 0; i < rest.length; i++) {
    const [flag = '', inline] = rest[i]!.split(/=(.*)/s, 2);
    if (!FLAGS[format].includes(flag))
      throw usage(`unknown option "${flag}" for export ${format}; allowed: ${FLAGS[format].join(', ')}`);
    const value = () => inline ?? rest[++i];
    if (inline !== undefined && ['--notes', '--no-notes', '--fragments', '--quiet'].includes(flag))
      throw usage(`${flag} takes no value; leave it out to turn it off`);
    switch (flag) {
      case '--out': {
        const out = value();
        if (!out) throw usage('--out takes a path');
        options.out = resolve(root, out);
        break;
      }
      case '--lang': {
        const lang = value();
        if (!LANGS.includes(lang as ExportLang))
          throw usage(`--lang must be one of ${LANGS.join(', ')}; got "${lang ?? ''}"`);
        options.lang = lang as ExportLang;
        break;
      }
      case '--scale':
        options.scale = number(flag, value(), 0.25, 4);
        break;
      case '--timeout':
        options.timeout = number(flag, value(), 1, 3600);
        break;
      case '--notes':
        options.notes = true;
        break;
      case '--no-notes':
        options.notes = false;
        break;
      case '--fragments':
        options.fragments = true;
        break;
      case '--quiet':
        options.quiet = true;
        break;
    }
  }
  return options;
}
