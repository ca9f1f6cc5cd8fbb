import type { DeckPart } from '../part.ts';
import { devUpdates } from './dev-updates.ts';

/** Every runtime part, in setup order. */
export function createParts(): DeckPart[] {
  return [devUpdates()];
}
