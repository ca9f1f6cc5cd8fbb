import type { DeckPart } from '../part.ts';
import { charts } from './charts.ts';
import { devUpdates } from './dev-updates.ts';
import { diagrams } from './diagrams.ts';
import { follow } from './follow.ts';
import { langSwitch } from './lang-switch.ts';
import { presenter } from './presenter.ts';
import { reader } from './reader.ts';

/** Every runtime part, in setup order. */
export function createParts(): DeckPart[] {
  return [devUpdates(), charts(), diagrams(), langSwitch(), presenter(), reader(), follow()];
}
