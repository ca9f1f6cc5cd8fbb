import { battleMap } from './battle-map/index.ts';
import { chainMap } from './chain-map/index.ts';
import { chartBlock } from './chart/index.ts';
import { figuresBlock } from './figures/index.ts';
import { sourcesBlock } from './sources/index.ts';
import { timeline } from './timeline/index.ts';
import type { BlockRenderer } from './types.ts';

/** Every fenced block type, in one list: a new block is one module plus one line here. */
export const defaultBlocks: BlockRenderer[] = [
  chartBlock,
  figuresBlock,
  chainMap,
  timeline,
  battleMap,
  sourcesBlock,
];

export function blockRegistry(list: BlockRenderer[] = defaultBlocks): Map<string, BlockRenderer> {
  return new Map(list.map((b) => [b.name, b]));
}
