/**
 * Line numbers, line highlights and highlight steps, producing at build time the DOM that reveal.js's
 * highlight plugin builds in the browser (its highlightjs-line-numbers table, `highlight-line` rows,
 * `has-highlights`, one `<code>` copy per step stepped as fragments), so reveal.js's CSS applies as is.
 */

export interface LineRange {
  start?: number;
  end?: number;
}

/** reveal.js's deserializeHighlightSteps: `1,4-8|3` → steps of ranges; a part that is no range is `{}`. */
export function parseSteps(spec: string): LineRange[][] {
  return spec
    .replace(/\s/g, '')
    .split('|')
    .map((step) =>
      step.split(',').map((part) => {
        if (!/^[\d-]+$/.test(part)) return {};
        const [a = '', b = ''] = part.split('-');
        const start = Number.parseInt(a, 10);
        const end = Number.parseInt(b, 10);
        return Number.isNaN(end) ? { start } : { start, end };
      }),
    );
}

/** reveal.js's serializeHighlightSteps for one step. */
export function stepSpec(step: LineRange[]): string {
  return step
    .map((r) =>
      typeof r.end === 'number' ? `${r.start}-${r.end}` : typeof r.start === 'number' ? `${r.start}` : '',
    )
    .join(',');
}

const TAG = /<span[^>]*>|<\/span>/g;

/**
 * Splits highlighted HTML into lines, closing the spans open at a line's end and opening them again on
 * the next, so every line is well-formed HTML on its own.
 */
export function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  let at = 0;
  const text = (chunk: string) => {
    const parts = chunk.split(/\r\n|\r|\n/);
    parts.forEach((part, k) => {
      if (k > 0) {
        lines.push(current + '</span>'.repeat(open.length));
        current = open.join('');
      }
      current += part;
    });
  };
  for (const m of html.matchAll(TAG)) {
    text(html.slice(at, m.index));
    if (m[0] === '</span>') open.pop();
    else open.push(m[0]);
    current += m[0];
    at = m.index + m[0].length;
  }
  text(html.slice(at));
  lines.push(current);
  return lines;
}

/** Whether row `row` (1-based, by position as reveal.js's nth-child selectors count) is in `step`. */
function inStep(step: LineRange[], row: number): boolean {
  return step.some((r) =>
    typeof r.end === 'number'
      ? row >= (r.start ?? Number.NaN) && row <= r.end
      : typeof r.start === 'number' && row === r.start,
  );
}

/** The highlightjs-line-numbers table, with `highlight-line` on the rows of `step`; and whether any is. */
export function lineTable(
  lines: string[],
  startFrom: number,
  step: LineRange[],
): { html: string; highlighted: boolean } {
  let highlighted = false;
  const rows = lines.map((line, k) => {
    const n = k + startFrom;
    const mark = inStep(step, k + 1);
    highlighted ||= mark;
    return (
      `<tr${mark ? ' class="highlight-line"' : ''}>` +
      `<td class="hljs-ln-line hljs-ln-numbers" data-line-number="${n}"><div class="hljs-ln-n" data-line-number="${n}"></div></td>` +
      `<td class="hljs-ln-line hljs-ln-code" data-line-number="${n}">${line.length > 0 ? line : ' '}</td></tr>`
    );
  });
  return { html: `<table class="hljs-ln">${rows.join('')}</table>`, highlighted };
}
