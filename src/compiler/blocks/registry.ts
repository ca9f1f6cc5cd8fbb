import { battleMap } from './battle-map/index.ts';
import { chainMap } from './chain-map/index.ts';
import { chartBlock } from './chart/index.ts';
import type { Block } from './define.ts';
import { figuresBlock } from './figures/index.ts';
import { sourcesBlock } from './sources/index.ts';
import { tableBlock } from './table/index.ts';
import { timeline } from './timeline/index.ts';

/**
 * The engine's blocks, in one list (their stylesheets load in this order): a new block is one `defineBlock`
 * module plus one line here, or one entry in a deck config's `blocks`.
 */
export const defaultBlocks: Block[] = [
  chartBlock,
  figuresBlock,
  chainMap,
  timeline,
  battleMap,
  sourcesBlock,
  tableBlock,
];
