import type { RevealApi } from 'reveal.js';
import type { DeckRuntimeConfig } from './runtime-config.ts';

export interface DeckContext {
  reveal: RevealApi;
  config: DeckRuntimeConfig;
  /** True when the page is reveal.js's print view (`?print-pdf`). */
  print: boolean;
}

/**
 * A runtime part (charts, diagrams, follow client, …), with one lifecycle as reveal.js's controllers:
 * `setup` binds it to the deck, `ready` resolves when what it draws is drawn, `teardown` undoes `setup`.
 * Parts know nothing of each other.
 */
export interface DeckPart {
  name: string;
  setup(ctx: DeckContext): void | Promise<void>;
  ready?(): Promise<void>;
  teardown(): void;
}
