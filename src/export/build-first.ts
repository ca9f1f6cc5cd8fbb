/**
 * Builds the deck (the caller asks only when the built site is stale), checking the slides first. The
 * compiler and Vite load only here: they are the slowest imports of all.
 */
export async function buildDeck(root: string): Promise<void> {
  const { buildDeck: build } = await import('../node/build.ts');
  await build({ root, force: true, again: 'export again' });
}
