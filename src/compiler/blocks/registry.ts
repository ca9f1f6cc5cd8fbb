import { chartBlock } from './chart/index.ts';
import type { BlockRenderer } from './types.ts';

/** Every fenced block type, in one list: a new block is one module plus one line here. */
export const defaultBlocks: BlockRenderer[] = [chartBlock];

export function blockRegistry(list: BlockRenderer[] = defaultBlocks): Map<string, BlockRenderer> {
  return new Map(list.map((b) => [b.name, b]));
}
