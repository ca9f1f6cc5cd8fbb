import type { Report } from '../compiler/diagnostics.ts';
import type { Facts } from '../compiler/facts/load.ts';
import type { CompileHost } from '../compiler/host.ts';
import type { DeckSummary } from '../compiler/markdown/env.ts';
import type { NoBreakRule } from '../compiler/nowrap.ts';

/** What a block renderer knows about the fenced block it renders. */
export interface BlockContext {
  file: string;
  /** 1-based line of the opening fence; the body starts on the next line. */
  line: number;
  /** The rest of the info string after the block's name, e.g. `step=tiers`. */
  info: string;
  host: CompileHost;
  report: Report;
  /** Marks a data file the block read, so the dev server rebuilds when it changes. */
  depend(path: string): void;
  /** A deck-unique id prefix for the block (for ids inside its HTML). */
  id: string;
  /** The deck's facts file, or undefined when there is none. */
  facts(): Facts | undefined;
  /** Where the deck's facts file is, as a block's `data:` would name it. */
  factsFile: string;
  /** The language the slides are written in (for the words a block adds: "source", "estimate"). */
  lang: string;
  /** What a line never splits, by the deck's language and units: `noBreakHtml(text, ctx.noBreak)`. */
  noBreak: NoBreakRule;
  /** `'required'`: a block that shows figures must say where they come from (the deck config's `sources`). */
  sources: 'required' | 'optional';
  /**
   * Records a source the block cites, by id (the deck's list of sources, the slide's source line), and the
   * fact that cites it when there is one (the slide's provenance view lists it).
   */
  cite(sourceId: string, short: string, factId?: string): void;
  /** Renders later, once every slide is rendered, with what the deck cites; returns a placeholder for the HTML. */
  defer(render: (deck: DeckSummary) => string): string;
}
