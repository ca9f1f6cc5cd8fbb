import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../compiler/diagnostics.ts';
import type { CompiledDeck } from '../compiler/index.ts';
import { type DeckConfig, findConfigFile } from '../config/index.ts';
import { bundledFontHas, FONT_NAME, glyphsOf } from './fonts.ts';
import { readSources } from './load.ts';

/** A file the deck's text comes from: its root-relative path and its text. */
export interface TextFile {
  path: string;
  text: string;
}

/** Characters nobody sees drawn: spaces, controls, joiners and variation selectors (an emoji's U+FE0F). */
const UNSEEN = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Where `ch` first occurs in the files, in their order: line and column (UTF-16, as editors count) from 1. */
function firstPlace(ch: string, files: TextFile[]): Omit<Diagnostic, 'message' | 'severity'> | undefined {
  for (const file of files) {
    const at = file.text.indexOf(ch);
    if (at < 0) continue;
    const before = file.text.slice(0, at);
    const line = before.split('\n').length;
    return { file: file.path, line, column: at - before.lastIndexOf('\n') };
  }
  return undefined;
}

/**
 * Warnings for the characters of `text` the font lacks (`has` says which it has): each at its first place in
 * `files`, those first found on one line together. The page still shows them, in the system's fonts; the
 * warning says so, since those differ from machine to machine (and may be missing on a projector's).
 */
export function uncoveredWarnings(
  text: string,
  files: TextFile[],
  has: (ch: string) => boolean,
  fontName = FONT_NAME,
): Diagnostic[] {
  const missing = [...new Set(text)].filter((ch) => !UNSEEN.test(ch) && !has(ch));
  const byLine = new Map<string, { place: Omit<Diagnostic, 'message' | 'severity'>; chars: string[] }>();
  const fallback = { file: files[0]?.path ?? '.', line: 1, column: 1 };
  for (const ch of missing) {
    const place = firstPlace(ch, files) ?? fallback;
    const key = `${place.file}:${place.line}`;
    const group = byLine.get(key);
    if (!group) byLine.set(key, { place, chars: [ch] });
    else {
      group.chars.push(ch);
      if (place.column < group.place.column) group.place = place;
    }
  }
  return [...byLine.values()].map(({ place, chars }) => {
    const list = chars.map((ch) => `${hex(ch)} ${ch}`).join(', ');
    const one = chars.length === 1;
    return {
      ...place,
      severity: 'warning',
      message:
        `${list} ${one ? 'is' : 'are'} not in the bundled font (${fontName}): ${one ? 'it' : 'they'} will be ` +
        `drawn with the system's fonts, which differ from machine to machine`,
    };
  });
}

/** The text a deck shows: its slides (notes and what blocks write included) and its title. */
export function deckText(deck: CompiledDeck, title = ''): string {
  const slides = deck.stacks.flat();
  return glyphsOf(title, ...slides.flatMap((s) => [s.title, s.html, s.notes]));
}

/** `check`'s warnings for characters no bundled font covers, located in the slides, data files or config. */
export function fontWarnings(config: DeckConfig, deck: CompiledDeck): Diagnostic[] {
  const read = (path: string): TextFile | undefined => {
    const file = join(config.root, path);
    return existsSync(file) ? { path, text: readFileSync(file, 'utf8') } : undefined;
  };
  const configFile = findConfigFile(config.root);
  const files = [
    ...readSources(config.root, config.slidesDir),
    ...deck.dependencies.flatMap((p) => read(p) ?? []),
    ...(configFile ? [read(relative(config.root, configFile).split(sep).join('/'))!] : []),
  ];
  return uncoveredWarnings(deckText(deck, config.title), files, bundledFontHas);
}
