/**
 * Names the block's HTML carries and its runtime looks up (and the PPTX export reads): one definition each,
 * so a rename on one side cannot silently break the other. Imports nothing: build and browser both use it.
 */

/** Chain maps: nodes (buttons) and links, each named by node id. */
export const CHAIN_MAP = {
  block: 'chain-map',
  node: 'cm-node',
  link: 'cm-link',
  nodeAttr: 'data-node',
  fromAttr: 'data-from',
  toAttr: 'data-to',
} as const;
