// The package's public API (`import { defineBlock, defineConfig } from 'zuozhantu-deck'`): what a deck's
// deck.config.ts and its own blocks are written against. Compiled with the CLI into lib/cli/api.js; its types
// are emitted from this file into lib/types/ when the package is packed.
import type { DeckConfigInput } from './config/types.ts';

export type { BlockContext, NarrowMode, SpecSource } from './blocks/define.ts';
export {
  type Block,
  type BlockDefinition,
  defineBlock,
  type Expansion,
  type ModuleRef,
  type Spec,
} from './blocks/define.ts';
export type { DeckConfigInput, SourcePolicy, VariantInput } from './config/types.ts';

/** Types a deck's settings where they are written (`export default defineConfig({ … })`); returns them as given. */
export const defineConfig = (config: DeckConfigInput): DeckConfigInput => config;
