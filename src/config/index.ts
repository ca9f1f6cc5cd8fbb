export { CONFIG_FILES, findConfigFile } from './file.ts';
export {
  type ConfigEnv,
  configFrom,
  DEFAULTS,
  isUntrusted,
  resolveDeckConfig,
  shownTitle,
} from './resolve.ts';
export type { DeckConfig, DeckConfigInput, SourcePolicy, Variant, VariantInput } from './types.ts';
export { pageDir, relativePage, variantPage } from './variants.ts';
