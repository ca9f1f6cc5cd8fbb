import { battleMap } from './battle-map/index.ts';
import { chainMap } from './chain-map/index.ts';
import { chartBlock } from './chart/index.ts';
import { type Block, ENGINE, isFolderRelative } from './define.ts';
import { figuresBlock } from './figures/index.ts';
import { metricBlock } from './metric/index.ts';
import { sourcesBlock } from './sources/index.ts';
import { tableBlock } from './table/index.ts';
import { timeline } from './timeline/index.ts';

/**
 * One of the engine's blocks, whose folder is src/blocks/<name>/: its `./runtime.ts` and `./style.css` become
 * files of the engine's (`engine:src/blocks/<name>/…`), which the Vite plugin finds wherever the engine is.
 */
function inEngine(block: Block): Block {
  const place = (ref: string | undefined) =>
    ref && isFolderRelative(ref) ? `${ENGINE}${posixJoin(`src/blocks/${block.name}`, ref)}` : ref;
  const runtime = place(block.runtime);
  const css = place(block.css);
  return { ...block, ...(runtime ? { runtime } : {}), ...(css ? { css } : {}) };
}

/** `src/blocks/chart` + `../diagram/style.css`, with forward slashes on every system (a module id). */
function posixJoin(dir: string, ref: string): string {
  const parts = dir.split('/');
  for (const part of ref.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/**
 * The engine's blocks, one line each (their stylesheets load in this order). A block is its folder
 * src/blocks/<name>/ — definition (index.ts), schema, render, runtime.ts, style.css, names.ts — plus its line
 * here; a deck's own block is one entry in its config's `blocks`. Runtime parts, stylesheets and the exports'
 * readiness wait (`data-block-state`) all come from this list.
 */
export const defaultBlocks: Block[] = [
  inEngine(chartBlock),
  inEngine(figuresBlock),
  inEngine(chainMap),
  inEngine(timeline),
  inEngine(battleMap),
  inEngine(sourcesBlock),
  inEngine(tableBlock),
  inEngine(metricBlock),
];
