import type { MarkdownIt, Token } from 'markdown-it';
import { renderAttrs } from '../../html.ts';
import { highlight } from './highlight.ts';
import { parseCodeInfo } from './info.ts';
import { lineTable, parseSteps, splitLines, stepSpec } from './lines.ts';

export { isHighlightName } from './highlight.ts';
export { parseCodeInfo } from './info.ts';

/**
 * A fenced code listing as reveal.js renders it once its markdown and highlight plugins have run:
 * `<pre class="code-wrapper">` (with the attributes an `.element` comment gave it) holding the
 * highlighted `<code>`, with a line-number table when the info string has `[…]`, and one more `<code>`
 * per highlight step after the first, each a fragment.
 */
export function renderCodeListing(content: string, info: string, preAttrs: Record<string, string>): string {
  const { lang, lineNumbers, startFrom } = parseCodeInfo(info);
  const code = content.replace(/\n$/, ''); // the fence's last line break is not code (as marked reads it)
  const lit = highlight(code, lang);
  const classes = [...lang.split(/\s+/).filter(Boolean), ...lit.classes];
  const preClass = ['code-wrapper', preAttrs.class].filter(Boolean).join(' ');
  const pre = `<pre${renderAttrs({ ...preAttrs, class: preClass })}>`;
  const attrs = (spec: string | undefined, extra: string[]) =>
    renderAttrs({
      'data-line-numbers': spec,
      'data-ln-start-from': startFrom,
      class: [...classes, ...extra].join(' '),
      'data-highlighted': lit.classes.length > 0 ? 'yes' : undefined,
    });
  if (lineNumbers === undefined || lit.html.trim() === '') {
    return `${pre}<code${attrs(lineNumbers, [])}>${lit.html}</code></pre>\n`;
  }
  const lines = splitLines(lit.html);
  if (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  const from = startFrom && Number.isFinite(Number(startFrom)) ? Number(startFrom) : 1;
  const steps = parseSteps(lineNumbers);
  const copies = steps.map((step, k) => {
    const table = lineTable(lines, from, step);
    const extra = [...(k > 0 ? ['fragment'] : []), ...(table.highlighted ? ['has-highlights'] : [])];
    const spec = steps.length > 1 ? stepSpec(step) : lineNumbers;
    return `<code${attrs(spec, extra)}>${table.html}</code>`;
  });
  return `${pre}${copies.join('')}</pre>\n`;
}

/** The attributes markdown-it gathered on a fence or code block (from `.element` comments, `{…}`). */
export function tokenAttrs(token: Token): Record<string, string> {
  return Object.fromEntries((token.attrs ?? []).map(([k, v]) => [k, String(v)]));
}

/** Indented code blocks render as reveal.js renders them: a listing without a language (auto-detected). */
export function codeBlocks(md: MarkdownIt): void {
  md.renderer.rules.code_block = (tokens, idx) => {
    const token = tokens[idx]!;
    return renderCodeListing(token.content, '', tokenAttrs(token));
  };
}
