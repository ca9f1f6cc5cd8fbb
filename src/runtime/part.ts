export type { DeckContext, DeckPart } from '../contracts/part.ts';
