import * as v from 'valibot';
import { nodeId, text } from '../fields.ts';

const ItemSchema = v.union([
  /** A figure from the facts file: its value large, its label under it. */
  v.strictObject({ fact: text, label: v.optional(text) }),
  /** A line of text (it may cite facts with [[id]]). */
  v.strictObject({ text }),
]);

const RowSchema = v.strictObject({
  /** The row's heading, down the side. */
  direction: text,
  /** The id of the slide the row links to (`#/id`), e.g. the direction's own section. */
  link: v.optional(nodeId),
  items: v.pipe(v.array(ItemSchema), v.minLength(1, 'is empty: list what the row holds')),
  /** Ids of sources for the row's text items (facts bring their own). */
  sources: v.optional(v.array(nodeId)),
});

export const BattleMapSchema = v.strictObject({
  /** `rows`: each row appears as a fragment. @default rows */
  step: v.optional(v.picklist(['none', 'rows']), 'rows'),
  /** Numbering down the side: 一二三 (cjk), 1 2 3 (arabic) or none. @default arabic */
  numbering: v.optional(v.picklist(['cjk', 'arabic', 'none']), 'arabic'),
  /** Column headings: the side, the items, the sources (left out when every row has the same sources). */
  columns: v.optional(v.tuple([text, text, text])),
  /**
   * Marks the items as the deck's reading (placed under a row by the deck, not by the source), drawn in the
   * deck's interpretation style, with this text as the legend.
   */
  interpretation: v.optional(text),
  rows: v.pipe(v.array(RowSchema), v.minLength(1, 'is empty: list at least one row')),
});

export type BattleMapSpec = v.InferOutput<typeof BattleMapSchema>;
