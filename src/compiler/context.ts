import type { Block } from '../blocks/define.ts';
import type { Report } from './diagnostics.ts';
import type { Facts } from './facts/load.ts';
import type { CompileHost } from './host.ts';
import type { DeckSummary } from './markdown/env.ts';
import type { NoBreakRule } from './nowrap.ts';
import type { Budget } from './regex.ts';

/**
 * What one compile shares with every slide, markdown rule and block: made once by `compileDeck` and passed
 * down by reference (a slide's env holds it; a block's context is it plus the block's own place), so a new
 * deck-wide setting is added here once rather than copied at every level.
 */
export interface CompileContext {
  host: CompileHost;
  report: Report;
  /** Every block the deck may use, by name. */
  blocks: ReadonlyMap<string, Block>;
  /** Marks a data file read, so the dev server rebuilds when it changes. */
  depend(path: string): void;
  /** A deck-unique id prefix for the next block. */
  nextBlockId(): string;
  /** The deck's facts file as read for a markdown file (its problems reported there), or undefined. */
  facts(file: string): Facts | undefined;
  /** Where the facts file is, as a block's `data:` would name it. */
  factsFile: string;
  /** The language the slides are written in. */
  lang: string;
  /** What a line never splits: dates, numbers with the deck's units (nowrap.ts). */
  noBreak: NoBreakRule;
  /** Whether every chart must name its source. */
  sources: 'required' | 'optional';
  /** --untrusted: raw HTML may hold no code (untrusted-html.ts). */
  untrusted: boolean;
  /** The compile's deadline, which bounds the deck's own patterns too (regex.ts). */
  budget: Budget;
  /** Records a source cited anywhere in the deck (what a ```sources block lists). */
  cite(sourceId: string, short: string): void;
  /** Renders later, once every slide is rendered, with what the deck cites; returns a placeholder for the HTML. */
  defer(render: (deck: DeckSummary) => string): string;
}
