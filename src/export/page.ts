/** What the export needs of a loaded page to wait for it and read it: an expression evaluated in it. */
export interface DeckPage {
  /** Evaluates `expression` in the page, awaits it when it is a promise, and returns its value as JSON. */
  evaluate<T>(expression: string): Promise<T>;
}
