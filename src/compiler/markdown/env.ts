import type { Env } from 'markdown-it';
import type { CompileContext } from '../context.ts';
import type { Facts } from '../facts/load.ts';

/**
 * Per-slide state shared by the markdown-it rules through markdown-it's `env`: the compile's context (by
 * reference) and what belongs to the slide being parsed.
 */
export interface SlideEnv extends Env {
  compile: CompileContext;
  file: string;
  /** 1-based line in `file` where the rendered markdown starts. */
  startLine: number;
  /** The source lines of the rendered markdown, for column lookups. */
  lines: string[];
  /** Attributes for the slide's `<section>` from `<!-- .slide: -->`. */
  slideAttrs: Record<string, string>;
  /** `data-element-attributes` and `data-attributes`: regex sources read in HTML comments. */
  elementAttributes: string;
  slideAttributes: string;
  /** Block names used on the slide, with the line of each. */
  usedBlocks: { name: string; line: number }[];
  /** The deck's facts file (its config's `facts`) as read for this file, or undefined when there is none. */
  facts(): Facts | undefined;
  /** Records a source the slide cites (prose or block): the deck's list, the slide's source line and provenance view. */
  cite(sourceId: string, short: string, factId?: string): void;
}

/** The absolute 1-based line of a token's first line, from markdown-it's 0-based map. */
export function tokenLine(env: SlideEnv, map: [number, number] | null | undefined): number {
  return env.startLine + (map?.[0] ?? 0);
}

/** The 1-based column of `needle` on an absolute line, or 1 when it is not there. */
export function columnOf(env: SlideEnv, line: number, needle: string): number {
  const text = env.lines[line - env.startLine] ?? '';
  const at = text.indexOf(needle);
  return at < 0 ? 1 : at + 1;
}

/** What the whole deck holds, for blocks that summarise it (rendered after every slide). */
export interface DeckSummary {
  /** Sources cited by the slides: id → short name, in order of first citation. */
  cited: ReadonlyMap<string, string>;
}
