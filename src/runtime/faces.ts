/** The deck's font families, as the theme's `--deck-font-family` lists them (a CSS font-family list). */
export function deckFamily(doc: Document = document): string {
  return getComputedStyle(doc.documentElement).getPropertyValue('--deck-font-family').trim() || '"Deck Sans"';
}

const unquote = (name: string) => name.trim().replace(/^(["'])(.*)\1$/, '$2');

/** The entries of a CSS font-family list, as written. */
const entries = (list: string) =>
  (list.match(/"[^"]*"|'[^']*'|[^,]+/g) ?? []).map((e) => e.trim()).filter(Boolean);

/** The names of a CSS font-family list, unquoted. */
export function familyNames(list: string): string[] {
  return entries(list).map(unquote);
}

/**
 * The family list with each family that has print faces (`<family> Print`, declared by the build: every
 * character of the page in one face a weight) replaced by them; unchanged when none has.
 */
export function printFamilyList(list: string, declared: ReadonlySet<string>): string {
  const printOf = (entry: string) =>
    declared.has(`${unquote(entry)} Print`) ? `${unquote(entry)} Print` : '';
  if (!entries(list).some(printOf)) return list;
  return entries(list)
    .map((e) => (printOf(e) ? JSON.stringify(printOf(e)) : e))
    .join(', ');
}

/**
 * In the print view, draws the deck with its print faces: split in a first-slide part and the rest, each
 * weight was two fonts in a PDF. Set before reveal.js lays out the print pages, so only these faces are used.
 */
export function usePrintFaces(doc: Document = document): void {
  const declared = new Set([...doc.fonts].map((f) => unquote(f.family)));
  const list = deckFamily(doc);
  const print = printFamilyList(list, declared);
  if (print !== list) doc.documentElement.style.setProperty('--deck-font-family', print);
}

/**
 * Fetches every face of the deck's families that no laid-out text has asked for yet (the rest of the subset,
 * beyond the first slide's): the browser would ask only when reveal.js lays out a later slide, seconds later
 * on a phone, and ready waits for every face. Faces of other families (the print view's, on the live page)
 * are left alone.
 */
export function fetchEveryFace(doc: Document = document): void {
  const names = new Set(familyNames(deckFamily(doc)));
  for (const face of doc.fonts)
    if (face.status === 'unloaded' && names.has(unquote(face.family))) face.load().catch(() => undefined);
}
