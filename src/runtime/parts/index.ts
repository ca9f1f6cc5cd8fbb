import type { DeckPart } from '../part.ts';
import { charts } from './charts.ts';
import { controlLabels } from './control-labels.ts';
import { devUpdates } from './dev-updates.ts';
import { diagrams } from './diagrams.ts';
import { follow } from './follow.ts';
import { langSwitch } from './lang-switch.ts';
import { motion } from './motion.ts';
import { presenter } from './presenter.ts';
import { reader } from './reader.ts';

/** Every runtime part, in setup order. */
export function createParts(): DeckPart[] {
  return [
    devUpdates(),
    motion(),
    controlLabels(),
    charts(),
    diagrams(),
    langSwitch(),
    presenter(),
    reader(),
    follow(),
  ];
}
