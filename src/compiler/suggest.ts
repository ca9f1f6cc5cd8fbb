/** Levenshtein distance between two short words. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

const sharedPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
};

/**
 * The one "did you mean" of the engine (fence names, keys, choices, fact and source ids): the options a typo
 * most likely meant, nearest first. An option is related when it is within two edits, holds the word or is
 * held by it (`reven` → `revenue`), or starts with the same three characters (`colour` → `color`).
 */
export function suggest(word: string, options: readonly string[], limit = 1): string[] {
  const w = word.toLowerCase();
  if (w === '') return [];
  return options
    .map((option, order) => {
      const o = option.toLowerCase();
      const d = distance(w, o);
      const [short, long] = w.length <= o.length ? [w, o] : [o, w];
      const related = d <= 2 || (short.length >= 3 && long.includes(short)) || sharedPrefix(w, o) >= 3;
      return { option, order, d, related };
    })
    .filter((c) => c.related && c.option !== word)
    .sort((a, b) => a.d - b.d || a.order - b.order)
    .slice(0, limit)
    .map((c) => c.option);
}

/** The single option a typo most likely meant. */
export function closest(word: string, options: readonly string[]): string | undefined {
  return suggest(word, options)[0];
}

/** `did you mean "x"? ` (with its trailing space), or nothing when no option is near. */
export function didYouMean(word: string, options: readonly string[], limit = 1): string {
  const near = suggest(word, options, limit);
  return near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}? ` : '';
}
