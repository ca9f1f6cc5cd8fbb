import type { Report } from './diagnostics.ts';
import type { MarkdownOptions } from './markdown/options.ts';
import { type Budget, pattern } from './regex.ts';

/** One slide's markdown as it stands in its file; lines are 1-based. */
export interface SlideChunk {
  /** `h` starts a new horizontal slide, `v` stacks under the previous one. */
  kind: 'h' | 'v';
  file: string;
  startLine: number;
  endLine: number;
  body: string;
  notes?: { text: string; line: number };
}

/** A file's lines, its front matter (if any), and the 0-based line where its slides start. */
export interface FileHead {
  file: string;
  lines: string[];
  frontMatter?: { text: string; line: number };
  bodyStart: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Reads a file's lines and its front matter: YAML between a first line `---` and the next `---`/`...`. */
export function readHead(file: string, text: string, report: Report): FileHead {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop(); // the final newline ends a line
  const head: FileHead = { file, lines, bodyStart: 0 };
  if (lines[0]?.trim() !== '---') return head;
  const end = lines.findIndex((l, k) => k > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) {
    // Without its closing line, the file is read as slides, so its content still shows.
    report({
      file,
      line: 1,
      column: 1,
      message: 'front matter opened here is never closed: add a line "---" after the YAML',
    });
    return head;
  }
  head.frontMatter = { text: lines.slice(1, end).join('\n'), line: 2 };
  head.bodyStart = end + 1;
  return head;
}

/** Character ranges [start, end) of the code fences in `lines` (joined with `\n`); reports unclosed ones. */
function fenceRanges(head: FileHead, lines: string[], report: Report): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  let open: { marker: string; at: number; line: number } | undefined;
  lines.forEach((line, k) => {
    if (open) {
      const close = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
      if (close?.[1] && close[1][0] === open.marker[0] && close[1].length >= open.marker.length) {
        ranges.push([open.at, offset + line.length]);
        open = undefined;
      }
    } else {
      const m = line.match(FENCE_OPEN);
      if (m?.[1] && !(m[1][0] === '`' && m[2]?.includes('`')))
        open = { marker: m[1], at: offset, line: head.bodyStart + k + 1 };
    }
    offset += line.length + 1;
  });
  if (open) {
    report({
      file: head.file,
      line: open.line,
      column: 1,
      message: `code fence opened here is never closed: add a line "${open.marker}" where the block ends`,
    });
    ranges.push([open.at, Number.POSITIVE_INFINITY]);
  }
  return ranges;
}

/** How many sorted `values` are at or below `x` (binary search). */
function firstAbove(values: number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Code fences as sorted, disjoint character ranges: `starts[k]`..`ends[k]`. */
interface Fences {
  starts: number[];
  ends: number[];
}

/**
 * The first of `matches` (a global pattern's, in order) at or after `from` that is non-empty and not inside a
 * fence; `base` is where their text starts in the fences' coordinates. The same match a search restarted at
 * `from` finds, since `from` is always the end of an earlier match.
 */
function nextMatch(matches: RegExpExecArray[], from: number, fences: Fences, base = 0) {
  // The matches are in order of index: start at the first at `from` (an earlier match's end).
  let lo = 0;
  for (let hi = matches.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]!.index < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < matches.length; k++) {
    const m = matches[k]!;
    if (m[0].length === 0) continue; // an empty match separates nothing
    const start = base + m.index;
    // Only the first fence ending after the match's start can overlap it.
    const f = firstAbove(fences.ends, start);
    if (f >= fences.starts.length || (fences.starts[f] ?? 0) >= start + m[0].length) return m;
  }
  return undefined;
}

/**
 * Splits a file's slides the way reveal.js's markdown plugin does (`slidify`): the separator regexes
 * (`data-separator`, `data-separator-vertical`) over the whole text, multiline, and `data-separator-notes`
 * within each slide. Unlike reveal.js, a separator or notes line inside a code fence splits nothing.
 */
export function splitSlides(
  head: FileHead,
  options: MarkdownOptions,
  report: Report,
  budget: Budget = { deadline: Number.POSITIVE_INFINITY },
): SlideChunk[] {
  const lines = head.lines.slice(head.bodyStart);
  const text = lines.join('\n');
  const ranges = fenceRanges(head, lines, report);
  const fences = { starts: ranges.map((r) => r[0]), ends: ranges.map((r) => r[1]) };
  const vertical = options.separatorVertical;
  // The deck's own patterns run with a time limit (regex.ts): a slow one stops the compile at its line.
  const separator = { option: 'separator', source: options.separator } as const;
  const any = pattern(
    vertical ? [separator, { option: 'separatorVertical', source: vertical }] : [separator],
    'gm',
    budget,
  );
  const horizontal = pattern([separator], '', budget);
  const notesRe = pattern([{ option: 'separatorNotes', source: options.separatorNotes }], 'gmi', budget);
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (offset: number) => head.bodyStart + firstAbove(starts, offset);

  const chunks: SlideChunk[] = [];
  const push = (kind: 'h' | 'v', start: number, end: number) => {
    const startLine = lineAt(start);
    const chunk: SlideChunk = {
      kind,
      file: head.file,
      startLine,
      endLine: Math.max(startLine, Number.isFinite(end) ? lineAt(end) : lineAt(text.length)),
      body: text.slice(start, end),
    };
    const notes = nextMatch(notesRe.all(chunk.body), 0, fences, start);
    if (notes) {
      notes.index += start;
      chunk.body = text.slice(start, notes.index);
      // The notes' first line is that of their first character (`Note:` may stand alone on its line).
      const from = notes.index + notes[0].length;
      const raw = text.slice(from, end);
      const trimmed = raw.trim();
      const lead = notes[0].length - notes[0].trimStart().length; // `^\s*` may take blank lines before it
      chunk.notes = {
        text: trimmed,
        line: trimmed ? lineAt(from + raw.length - raw.trimStart().length) : lineAt(notes.index + lead),
      };
    }
    chunks.push(chunk);
  };

  let kind: 'h' | 'v' = 'h';
  let at = 0;
  const separators = any.all(text);
  for (let m = nextMatch(separators, 0, fences); m; m = nextMatch(separators, at, fences)) {
    push(kind, at, m.index);
    kind = horizontal.first(m[0]) ? 'h' : 'v';
    at = m.index + m[0].length;
  }
  push(kind, at, text.length);
  // A trailing separator leaves an empty last slide; drop empty chunks other than a file's only one.
  return chunks.filter((c, k, all) => c.body.trim() !== '' || c.notes || (all.length === 1 && k === 0));
}
