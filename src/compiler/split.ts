import type { Report } from './diagnostics.ts';

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

export interface SplitFile {
  frontMatter?: { text: string; line: number };
  chunks: SlideChunk[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const NOTES = /^\s*notes?:\s?/i;

/**
 * Splits one markdown file into slides, the way reveal.js's markdown plugin does with
 * `data-separator="^\n---\n$"`, `data-separator-vertical="^\n--\n$"` and `Note:`:
 * a `---` (or `--`) line after a blank line separates slides, but never inside a code fence.
 */
export function splitFile(file: string, text: string, report: Report): SplitFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop(); // the final newline ends a line
  const result: SplitFile = { chunks: [] };
  let i = 0;

  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (end < 0) {
      // Without its closing line, the file is read as slides, so its content still shows.
      report({
        file,
        line: 1,
        column: 1,
        message: 'front matter opened here is never closed: add a line "---" after the YAML',
      });
    } else {
      result.frontMatter = { text: lines.slice(1, end).join('\n'), line: 2 };
      i = end + 1;
    }
  }

  let kind: 'h' | 'v' = 'h';
  let start = i;
  let fence: { marker: string; line: number } | undefined;
  let notesAt = -1;

  const flush = (endExclusive: number) => {
    const bodyEnd = notesAt >= 0 ? notesAt : endExclusive;
    const chunk: SlideChunk = {
      kind,
      file,
      startLine: start + 1,
      endLine: Math.max(start + 1, endExclusive),
      body: lines.slice(start, bodyEnd).join('\n'),
    };
    if (notesAt >= 0) {
      const first = (lines[notesAt] ?? '').replace(NOTES, '');
      chunk.notes = {
        text: [first, ...lines.slice(notesAt + 1, endExclusive)].join('\n').trim(),
        line: notesAt + 1,
      };
    }
    result.chunks.push(chunk);
  };

  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence) {
      const close = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
      if (close?.[1] && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length)
        fence = undefined;
      continue;
    }
    const open = line.match(FENCE_OPEN);
    if (open?.[1] && !(open[1][0] === '`' && open[2]?.includes('`'))) {
      fence = { marker: open[1], line: i + 1 };
      continue;
    }
    const trimmed = line.trimEnd();
    const afterBlank = i === start || (lines[i - 1] ?? '').trim() === '';
    if ((trimmed === '---' || trimmed === '--') && afterBlank) {
      flush(i);
      kind = trimmed === '---' ? 'h' : 'v';
      start = i + 1;
      notesAt = -1;
      continue;
    }
    if (notesAt < 0 && NOTES.test(line)) notesAt = i;
  }
  if (fence) {
    report({
      file,
      line: fence.line,
      column: 1,
      message: `code fence opened here is never closed: add a line "${fence.marker}" where the block ends`,
    });
  }
  flush(lines.length);
  // A trailing separator leaves an empty last slide; drop empty chunks other than a file's only one.
  result.chunks = result.chunks.filter(
    (c, k, all) => c.body.trim() !== '' || c.notes || (all.length === 1 && k === 0),
  );
  return result;
}
