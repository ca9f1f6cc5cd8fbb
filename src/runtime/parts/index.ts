import type { DeckPart } from '../part.ts';
import { charts } from './charts.ts';
import { devUpdates } from './dev-updates.ts';
import { diagrams } from './diagrams.ts';
import { langSwitch } from './lang-switch.ts';

/** Every runtime part, in setup order. */
export function createParts(): DeckPart[] {
  return [devUpdates(), charts(), diagrams(), langSwitch()];
}
