import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';

/** A place in a source file, 1-based. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

export type PathItem = string | number;

/**
 * A YAML text parsed with its positions: `place(path)` gives the line and column of the value (or key)
 * at `path`, so a problem in a spec or data file is reported where the author wrote it.
 */
export interface YamlSource {
  file: string;
  value: unknown;
  errors: { place: Place; message: string }[];
  place(path: PathItem[], at?: 'key' | 'value'): Place;
  has(path: PathItem[]): boolean;
  /** The text of a file line (absolute, 1-based) inside the YAML, or '' outside it. */
  line(n: number): string;
}

/** `firstLine` is the file line of the text's first line (the line after a fence's opening). */
export function parseYaml(file: string, text: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Place => {
    const pos = lineCounter.linePos(offset);
    return { file, line: firstLine + pos.line - 1, column: pos.col };
  };

  /** Walks as far along `path` as the document goes; returns the last node reached and whether all of it was. */
  const walk = (path: PathItem[], want: 'key' | 'value') => {
    let node: unknown = doc.contents;
    let found = true;
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
        );
        // A key, or a key written with no value, is pointed at by its key.
        if (pair && i === path.length - 1 && (want === 'key' || pair.value == null)) {
          return { node: pair.key as Node, found: true };
        }
        next = pair?.value;
      } else if (isSeq(node) && typeof step === 'number') {
        next = node.items[step];
      }
      if (!next) {
        found = false;
        break;
      }
      node = next;
    }
    return { node: node as Node | null, found };
  };

  let opens: ReturnType<typeof unclosed> | undefined; // one CST walk, however many errors
  const errors = doc.errors.map((e) => ({
    place: at(errorStart(text, e, () => (opens ??= unclosed(text)))),
    message: e.message.split('\n')[0] ?? e.code,
  }));
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS();
    } catch (e) {
      // An alias to no anchor, or more aliases than yaml allows (a "billion laughs"): the parser accepts them,
      // making the value does not.
      const message = e instanceof Error ? (e.message.split('\n')[0] ?? e.name) : String(e);
      errors.push({ place: at(aliasOffset(doc)), message });
    }
  }

  return {
    file,
    value,
    errors,
    place(path, want = 'value') {
      const { node } = walk(path, want);
      const offset = node?.range?.[0];
      return offset === undefined ? { file, line: firstLine, column: 1 } : at(offset);
    },
    has: (path) => walk(path, 'value').found,
    line: (n) => (n >= firstLine ? (text.split('\n')[n - firstLine] ?? '') : ''),
  };
}

/** Where an unclosed quoted scalar or flow collection (`"…`, `[…`, `{…`) opens, by kind. */
function unclosed(text: string): { quote: number[]; flow: number[] } {
  const found = { quote: [] as number[], flow: [] as number[] };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const t = node as { type?: string; offset?: number; source?: string; end?: { type: string }[] };
    if (t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') {
      const s = t.source ?? '';
      const closed = s.length > 1 && s.endsWith(s[0]!) && (s[0] === "'" || !/(^|[^\\])(\\\\)*\\"$/.test(s));
      if (!closed) found.quote.push(t.offset ?? 0);
    }
    if (
      t.type === 'flow-collection' &&
      !t.end?.some((e) => e.type === 'flow-seq-end' || e.type === 'flow-map-end')
    )
      found.flow.push(t.offset ?? 0);
    for (const value of Object.values(t)) if (value && typeof value === 'object') walk(value);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found;
}

/**
 * Where a YAML problem starts. The parser notices an unclosed quote or bracket only where the text runs out
 * (lines later, often at the closing fence); the author needs the line that opened it. Other errors at the
 * very end are moved back onto the last written character.
 */
function errorStart(text: string, e: YAMLError, unclosedIn: () => ReturnType<typeof unclosed>): number {
  const at = e.pos[0];
  if (e.code === 'MISSING_CHAR' || e.code === 'BAD_INDENT' || e.code === 'UNEXPECTED_TOKEN') {
    const opens = unclosedIn();
    const kind = /quote/i.test(e.message) ? opens.quote : opens.flow;
    const before = kind.filter((o) => o <= at);
    if (before.length > 0) return Math.max(...before);
  }
  return Math.min(at, Math.max(0, text.trimEnd().length - 1));
}

/** The first alias that names no anchor, else the first alias: where a value that cannot be made goes wrong. */
function aliasOffset(doc: Document): number {
  let first: number | undefined;
  let unresolved: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0] ?? 0;
      first ??= offset;
      if (unresolved === undefined && node.resolve(doc) === undefined) unresolved = offset;
    },
  });
  return unresolved ?? first ?? 0;
}
