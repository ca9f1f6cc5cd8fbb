import type { CompileContext } from '../compiler/context.ts';
import type { Report } from '../compiler/diagnostics.ts';
import type { Facts } from '../compiler/facts/load.ts';

/**
 * What a block renderer knows: the compile's context (compiler/context.ts), as it is, with the fenced block's
 * own place, id and info string, and the facts and citations of the slide it is on.
 */
export interface BlockContext
  extends Pick<CompileContext, 'host' | 'depend' | 'factsFile' | 'lang' | 'noBreak' | 'sources' | 'defer'> {
  file: string;
  /** 1-based line of the opening fence; the body starts on the next line. */
  line: number;
  /** The rest of the info string after the block's name, e.g. `step=tiers`. */
  info: string;
  /** A deck-unique id prefix for the block (for ids inside its HTML). */
  id: string;
  report: Report;
  /** The deck's facts file, or undefined when there is none. */
  facts(): Facts | undefined;
  /**
   * Records a source the block cites, by id (the deck's list of sources, the slide's source line), and the
   * fact that cites it when there is one (the slide's provenance view lists it).
   */
  cite(sourceId: string, short: string, factId?: string): void;
}
