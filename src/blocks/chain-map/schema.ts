import * as v from 'valibot';
import { nodeId, pixels, text } from '../fields.ts';

const ids = v.union([nodeId, v.pipe(v.array(nodeId), v.minLength(1, 'must list at least one node id'))]);

const NodeSchema = v.strictObject({
  id: nodeId,
  label: text,
  /** A headline number shown large above the label, e.g. 16.4%. Needs a source. */
  figure: v.optional(text),
  /** A fact id from the facts file: its value and unit become the figure, its source the node's source. */
  fact: v.optional(text),
  /** A short line under the label. */
  note: v.optional(text),
  /** Where the figure or the note comes from. */
  source: v.optional(text),
});

const TierSchema = v.strictObject({
  title: v.optional(text),
  nodes: v.pipe(
    v.array(NodeSchema),
    v.minLength(1, 'is empty: give the tier at least one node, or remove it'),
  ),
});

const LinkSchema = v.union([
  /** `a -> b` */
  v.pipe(v.string(), v.regex(/^\s*\S+\s*->\s*\S+\s*$/, 'must be written "from -> to" or as {from, to}')),
  v.strictObject({
    from: ids,
    to: ids,
    /** dashed: a link that is the deck's reading rather than the source's statement. */
    style: v.optional(v.picklist(['solid', 'dashed'])),
  }),
]);

export const ChainMapSchema = v.strictObject({
  /** Tiers left→right (`right`, the default) or top→bottom (`down`). */
  direction: v.optional(v.picklist(['right', 'down']), 'right'),
  /** `tiers`: reveal the diagram tier by tier with fragments. */
  step: v.optional(v.picklist(['none', 'tiers']), 'none'),
  /** The figure's size in design px, caption included. @default 1680×700 */
  width: v.optional(pixels(400, 1680), 1680),
  height: v.optional(pixels(200, 896), 700),
  caption: v.optional(text),
  /** The source of the diagram's figures, when nodes do not give their own. */
  source: v.optional(text),
  tiers: v.pipe(v.array(TierSchema), v.minLength(1, 'is empty: list at least one tier with nodes')),
  links: v.optional(v.array(LinkSchema), []),
});

export type ChainMapSpec = v.InferOutput<typeof ChainMapSchema>;
export type ChainNode = ChainMapSpec['tiers'][number]['nodes'][number];
