import type { Env } from 'markdown-it';
import type { Block } from '../../blocks/define.ts';
import type { Report } from '../diagnostics.ts';
import type { Facts } from '../facts/load.ts';
import type { CompileHost } from '../host.ts';
import type { NoBreakRule } from '../nowrap.ts';
import type { Budget } from '../regex.ts';

/** Per-slide state shared by the markdown-it rules through markdown-it's `env`. */
export interface SlideEnv extends Env {
  file: string;
  /** 1-based line in `file` where the rendered markdown starts. */
  startLine: number;
  /** The source lines of the rendered markdown, for column lookups. */
  lines: string[];
  host: CompileHost;
  report: Report;
  blocks: Map<string, Block>;
  /** Attributes for the slide's `<section>` from `<!-- .slide: -->`. */
  slideAttrs: Record<string, string>;
  /** `data-element-attributes` and `data-attributes`: regex sources read in HTML comments. */
  elementAttributes: string;
  slideAttributes: string;
  /** The compile's deadline, which bounds the deck's own patterns too (regex.ts). */
  budget: Budget;
  /** Block names used on the slide, with the line of each. */
  usedBlocks: { name: string; line: number }[];
  depend(path: string): void;
  nextBlockId(): string;
  /** The deck's facts file (its config's `facts`), or undefined when there is none. */
  facts(): Facts | undefined;
  /** Where the facts file is, as a block's `data:` would name it. */
  factsFile: string;
  /** The language the slides are written in. */
  lang: string;
  /** What a line never splits: dates, numbers with the deck's units (nowrap.ts). */
  noBreak: NoBreakRule;
  /** Whether every chart must name its source. */
  sources: 'required' | 'optional';
  /** Records a source the slide cites, by id and short name (the slide's footnote, the sources list). */
  cite(sourceId: string, short: string, factId?: string): void;
  /** Records a source a block cites: the deck's list, the slide's one source line and provenance view. */
  citeDeck(sourceId: string, short: string, factId?: string): void;
  /** --untrusted: raw HTML may hold no code (untrusted-html.ts). */
  untrusted?: boolean;
  /** Renders later, once every slide is rendered, with what the deck cites; returns a placeholder for the HTML. */
  defer(render: (deck: DeckSummary) => string): string;
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
