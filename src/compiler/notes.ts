/**
 * A slide's notes in two parts: the words the presenter says, then, after a line that starts with
 * `Provenance:` (or `出处：`), where the slide's content comes from and what the deck arranged itself. The
 * second part is never spoken: it goes to the presenter view's provenance pane, the provenance view and
 * apart in the PPTX notes.
 */
export interface NotesParts {
  spoken: { text: string; line: number };
  provenance?: { text: string; line: number };
}

/** `Provenance:` at the start of a line, any case, or 出处 / 出處 with either colon. */
const MARKER = /^[ \t]*(?:provenance|出处|出處)[ \t]*[:：]/im;

/** Splits notes text (whose first line is `line` in its file) at its first provenance marker. */
export function splitNotes(text: string, line: number): NotesParts {
  const m = MARKER.exec(text);
  if (!m) return { spoken: { text, line } };
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  const markerLine = line + (before.match(/\n/g)?.length ?? 0);
  // The provenance text's first line: the marker's own, or the next one with text when it stands alone.
  const lead = after.length - after.trimStart().length;
  const provLine = markerLine + (after.slice(0, lead).match(/\n/g)?.length ?? 0);
  return {
    spoken: { text: before.trim(), line },
    provenance: { text: after.trim(), line: provLine },
  };
}
