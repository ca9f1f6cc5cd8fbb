import { fileURLToPath } from 'node:url';
import { resolveDeckConfig } from '../../src/config/index.ts';

/** This repository's deck as its config resolves it: where it was built and its language pages. */
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const config = await resolveDeckConfig(root);
export const dist = config.outDir;
/** [lang, page] of each variant, the source language first. */
export const pages = config.variants.map((v) => [v.lang, v.page] as const);

/** The English example deck (examples/en), built beside its slides. */
export const example = await resolveDeckConfig(fileURLToPath(new URL('../../examples/en', import.meta.url)));
