import type { Report } from './diagnostics.ts';
import type { MarkdownOptions } from './markdown/options.ts';
import type { FileHead, SlideChunk } from './split.ts';

/** A line of dashes alone: a separator that did not split where it stands. */
const DASHES = /^\s{0,3}(-{2,})\s*$/;
/** Comments other tools split slides at (reveal-md plugins, Markdown Preview Enhanced, Marp's page breaks). */
const SPLIT_COMMENT =
  /^\s*<!--\s*(slide|vertical|vertical-slide|new[ -]slide|page-?break|pagebreak)\s*-->\s*$/i;
const HEADING = /^\s{0,3}#{1,6}\s+\S/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
/** Notes longer than this many lines are likely the rest of the talk, not what is said on one slide. */
const LONG_NOTES = 60;

/**
 * Warns about lines that look like slide separators and did not split, so a talk from another tool does not
 * collapse into one slide in silence: a `----` (reveal-md's vertical separator), a `--` or `---` without blank
 * lines around it (markdown reads it as a heading underline or a rule), a `<!-- slide -->` comment, and speaker
 * notes that run on over what looks like further slides.
 */
export function lintSeparators(
  head: FileHead,
  chunks: SlideChunk[],
  options: MarkdownOptions,
  report: Report,
): void {
  // Dashes the separators would take between blank lines; elsewhere (`***` separators) they are markdown's rules.
  const horizontal = new RegExp(options.separator, 'm');
  const vertical = options.separatorVertical ? new RegExp(options.separatorVertical, 'm') : undefined;
  const dashSeparators = /-{2}/.test(options.separator + options.separatorVertical);
  const dashMessage = (dashes: string): string | undefined => {
    const alone = `\n${dashes}\n`;
    if (horizontal.test(alone) || vertical?.test(alone))
      return `"${dashes}" does not split slides here: put a blank line before and after it for ${horizontal.test(alone) ? 'a new slide' : 'a vertical slide'} (without them markdown reads it as a heading's underline or a rule; write "***" for a rule)`;
    if (dashes === '----' && dashSeparators)
      return `"----" does not split slides here: it is reveal-md's vertical separator; to use it, set verticalSeparator: '^\\n----\\n$' (or markdown: { separator-vertical: … }) in the front matter, or write "--" between blank lines`;
    return undefined;
  };
  for (const chunk of chunks) {
    scan(chunk.body, chunk.startLine, (text, line) => {
      const dashes = DASHES.exec(text)?.[1];
      const message = dashes ? dashMessage(dashes) : undefined;
      if (message) report({ file: head.file, line, column: 1, severity: 'warning', message });
      else if (SPLIT_COMMENT.test(text))
        report({
          file: head.file,
          line,
          column: 1,
          severity: 'warning',
          message: `"${text.trim()}" does not split slides here: write "---" between blank lines for a new slide and "--" for a vertical one, or set markdown: { separator: … } to this comment`,
        });
    });
    if (chunk.notes) lintNotes(head, chunk.notes, report);
  }
}

/** Notes that hold headings or separators, or run very long, probably swallowed the slides after them. */
function lintNotes(head: FileHead, notes: { text: string; line: number }, report: Report): void {
  const lines = notes.text.split('\n');
  let seen: { line: number; what: string } | undefined;
  scan(notes.text, notes.line, (text, line) => {
    if (seen) return;
    if (HEADING.test(text)) seen = { line, what: 'a heading' };
    else if (DASHES.test(text) || SPLIT_COMMENT.test(text)) seen = { line, what: `"${text.trim()}"` };
  });
  if (!seen && lines.length <= LONG_NOTES) return;
  const why = seen ? `hold ${seen.what} at line ${seen.line}` : `run ${lines.length} lines`;
  report({
    file: head.file,
    line: notes.line,
    column: 1,
    severity: 'warning',
    message: `the speaker notes that start here ${why}: they last until the next separator, so a separator before the next slide is probably missing`,
  });
}

/** Calls `each` with every line of `text` outside code fences and its line number in the file. */
function scan(text: string, first: number, each: (line: string, number: number) => void): void {
  let fence: string | undefined;
  text.split('\n').forEach((line, k) => {
    const open = FENCE.exec(line)?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length && line.trim() === open)
        fence = undefined;
      return;
    }
    if (open) {
      fence = open;
      return;
    }
    each(line, first + k);
  });
}
