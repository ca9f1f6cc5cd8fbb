import { blockRuntimes } from 'virtual:deck/blocks';
import type { DeckPart } from '../part.ts';
import { blockParts } from './blocks.ts';
import { controlLabels } from './control-labels.ts';
import { devUpdates } from './dev-updates.ts';
import { follow } from './follow.ts';
import { langSwitch } from './lang-switch.ts';
import { lightbox } from './lightbox.ts';
import { motion } from './motion.ts';
import { offline } from './offline.ts';
import { presenter } from './presenter.ts';
import { provenance } from './provenance.ts';
import { reader } from './reader.ts';

/** Every runtime part, in setup order. */
export function createParts(): DeckPart[] {
  return [
    devUpdates(),
    motion(),
    controlLabels(),
    blockParts(blockRuntimes),
    langSwitch(),
    presenter(),
    provenance(),
    reader(),
    lightbox(),
    follow(),
    offline(),
  ];
}
