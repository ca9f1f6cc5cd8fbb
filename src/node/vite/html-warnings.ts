import { formatDiagnostic } from '../../compiler/diagnostics.ts';

/** A generated page: its absolute path as Vite names it, and its HTML as the plugin served it. */
export interface GeneratedPage {
  id: string;
  html: () => string;
}

const AT = /\n? at (\S+\.html):(\d+):(\d+)\n[\s\S]*$/;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const SOURCE = /data-source="([^"]+):(\d+)-(\d+)"/;

/**
 * Rewrites Vite's "Unable to parse HTML … at /root/index.html:17:10" (the page the deck generates, which the
 * author never wrote) into a warning at the slide's markdown: the slide is the `data-source` of the
 * section around that line, and the line the one of the markdown that holds the same text, when there is one.
 * Other messages pass unchanged.
 */
export function locateHtmlWarning(
  message: string,
  pages: GeneratedPage[],
  readText: (file: string) => string | undefined,
): string {
  const plain = message.replace(ANSI, '');
  const at = AT.exec(plain);
  const page = at && pages.find((p) => p.id === at[1]);
  if (!at || !page) return message;
  const lines = page.html().split('\n');
  const pageLine = Number(at[2]);
  const pageColumn = Number(at[3]);
  let source: RegExpExecArray | null = null;
  for (let i = pageLine - 1; i >= 0 && !source; i--) source = SOURCE.exec(lines[i] ?? '');
  if (!source) return message;
  const [, file = '', start = '1', end = '1'] = source;
  const written = (lines[pageLine - 1] ?? '').trim();
  const md = (readText(file) ?? '').split('\n');
  let line = Number(start);
  let column = 1;
  for (let n = Number(start); n <= Number(end) && written; n++) {
    const at = md[n - 1]?.indexOf(written) ?? -1;
    if (at >= 0) {
      line = n;
      column = at + 1 + Math.max(0, pageColumn - 1 - (lines[pageLine - 1]?.indexOf(written) ?? 0));
      break;
    }
  }
  const what = plain
    .replace(AT, '')
    .replace(/^\s+/, '')
    .replace(/^Unable to parse HTML; /, '');
  return `\n${formatDiagnostic({
    file,
    line,
    column,
    severity: 'warning',
    message: `the slide's HTML does not parse (${what}): check the tags and comments written on this slide`,
  })}`;
}
