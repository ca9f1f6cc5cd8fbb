import * as v from 'valibot';
import { isRecord } from '../../compiler/record.ts';
import {
  type BlockContext,
  defineBlock,
  didYouMean,
  type Expansion,
  escapeHtml,
  fields,
  parseYaml,
  readBlockFile,
  renderAttrs,
  type Spec,
  type SpecSource,
} from '../define.ts';
import { type CsvCell, parseCsv } from './csv.ts';
import { formatCell } from './format.ts';

/**
 * ```table — rows of figures with column formats (a number with thousands separators and decimals, a percent,
 * text), alignment, a caption and a source line. Rows are YAML (a list per row, or a map by column key), CSV
 * (`csv: |`, one line per row) or a data file (`file: data/x.csv` or `.yaml`, relative to the markdown file).
 * Written only against the public block API (../define.ts).
 */

const Column = v.strictObject({
  title: fields.text,
  /** Names the column in rows written as maps; defaults to the title. */
  key: v.optional(fields.text),
  /** `number`: 12,345.6 (thousands separators, `decimals`); `percent`: 12.3% (written in percent points). */
  format: v.optional(v.picklist(['text', 'number', 'percent']), 'text'),
  decimals: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
  /** Shown once, in the column's heading. */
  unit: v.optional(fields.text),
  /** Numbers go right by default, text left. */
  align: v.optional(v.picklist(['left', 'center', 'right'])),
});

const Cell = v.nullable(v.union([v.string(), v.number()]));

const TableSchema = v.strictObject({
  caption: v.optional(fields.text),
  columns: v.pipe(v.array(Column), v.minLength(1, 'is empty: list the columns, each with a title')),
  rows: v.optional(v.array(v.union([v.array(Cell), v.record(v.string(), Cell)]))),
  /** The rows as CSV, one line per row, cells in column order. */
  csv: v.optional(v.string()),
  /** The rows from a file beside the slides: CSV (a line per row) or YAML (a list of rows). */
  file: v.optional(v.string()),
  /** The line under the table, as written (it names where the figures come from). */
  source: v.optional(fields.text),
});

type TableSpec = v.InferOutput<typeof TableSchema>;
type Column = TableSpec['columns'][number];

type Locate = NonNullable<Expansion['locate']>;
type Rows = {
  rows: unknown;
  locate: (path: (string | number)[], part: Part) => ReturnType<Locate> | undefined;
};
type Part = NonNullable<Parameters<Locate>[1]>;

/** CSV text as rows, each cell located in the text (`first`: where its first line starts). */
function csvRows(text: string, file: string, first: { line: number; column: number }): Rows {
  const cells: CsvCell[][] = parseCsv(text);
  return {
    rows: cells.map((row) => row.map((c) => c.text)),
    locate: ([i, j]) => {
      const cell = typeof i === 'number' ? cells[i]?.[typeof j === 'number' ? j : 0] : undefined;
      return cell && { file, line: first.line + cell.line, column: first.column + cell.column };
    },
  };
}

/** The rows of `file:`, a CSV or YAML file; undefined (reported) when it cannot be read. */
function fileRows(ref: string, doc: SpecSource, ctx: BlockContext): Rows | undefined {
  const at = doc.place(['file']);
  const say = (message: string) => ctx.report({ ...at, message: `table: ${message}` });
  const kind = /\.csv$/i.test(ref) ? 'csv' : /\.ya?ml$/i.test(ref) ? 'yaml' : undefined;
  if (!kind) {
    say(`"file" must name a .csv or .yaml file (rows, one per line or a list); got "${ref}"`);
    return undefined;
  }
  const read = readBlockFile(ctx, 'table', ref, at);
  if (!read) return undefined;
  if (kind === 'csv') return csvRows(read.text, read.path, { line: 1, column: 1 });
  const data = parseYaml(read.path, read.text);
  for (const e of data.errors)
    ctx.report({
      ...e.place,
      message: `table: ${read.path} is not valid YAML (${e.message}): fix it so that its rows can be read`,
    });
  if (data.errors.length > 0) return undefined;
  if (!Array.isArray(data.value)) {
    ctx.report({
      ...data.place([]),
      message: `table: ${read.path} must be a list of rows (each a list of cells, or a map by column key)`,
    });
    return undefined;
  }
  return { rows: data.value, locate: (path, part) => data.place(path, part) };
}

/**
 * `csv:` or `file:` becomes `rows:`, each cell located where it was written: its line and column in the CSV text,
 * or in the data file.
 */
function expand(value: unknown, doc: SpecSource, ctx: BlockContext): Expansion | undefined {
  if (!isRecord(value)) return { value };
  const given = (['rows', 'csv', 'file'] as const).filter((k) => value[k] !== undefined);
  if (given.length > 1) {
    ctx.report({
      ...doc.place([given[1]!], 'key'),
      message: `table: give the rows one way, not ${given.join(' and ')}: rows: (YAML), csv: | (CSV) or file: (a data file)`,
    });
    return undefined;
  }
  const { csv, file, ...rest } = value;
  let from: Rows | undefined;
  let key: 'csv' | 'file';
  if (typeof csv === 'string') {
    key = 'csv';
    // A block scalar (`csv: |`) starts on the line after its key, its lines indented as its first one is.
    const line = doc.place(['csv']).line + 1;
    from = csvRows(csv, doc.place(['csv']).file, {
      line,
      column: (/^ */.exec(doc.line(line))?.[0].length ?? 0) + 1,
    });
  } else if (typeof file === 'string') {
    key = 'file';
    from = fileRows(file, doc, ctx);
    if (!from) return undefined;
  } else {
    return { value };
  }
  const rows = from;
  return {
    value: { ...rest, rows: rows.rows },
    locate: (path, part = 'value') => {
      const [top, ...inner] = path;
      if (top !== 'rows') return doc.place(path, part);
      return (inner.length > 0 ? rows.locate(inner, part) : undefined) ?? doc.place([key], part);
    },
  };
}

const alignOf = (c: Column) => c.align ?? (c.format === 'text' ? 'left' : 'right');

function render(spec: Spec<TableSpec>, ctx: BlockContext): string {
  const { columns, caption, source } = spec.value;
  const rows = spec.value.rows ?? [];
  if (rows.length === 0) {
    spec.problem(
      [],
      'has no rows: write rows: (a list per row), csv: | (a line per row) or file: (a data file)',
      'key',
    );
    return '';
  }
  const keys = columns.map((c) => c.key ?? c.title);
  let ok = true;
  const body = rows.map((row, i) => {
    let values: (string | number | null)[];
    if (Array.isArray(row)) {
      if (row.length !== columns.length) {
        ok = false;
        spec.problem(
          ['rows', i],
          `row ${i + 1} has ${row.length} cells but there are ${columns.length} columns: give one per column (empty for none)`,
        );
      }
      values = row;
    } else {
      for (const key of Object.keys(row)) {
        if (keys.includes(key)) continue;
        ok = false;
        spec.problem(
          ['rows', i, key],
          `row ${i + 1} has no column "${key}": ${didYouMean(key, keys)}columns are ${keys.join(', ')}`,
          'key',
        );
      }
      values = keys.map((k) => row[k] ?? null);
    }
    const cells = columns.map((column, j) => {
      const formatted = formatCell(values[j] ?? null, column.format, column.decimals);
      if (!formatted.ok) {
        ok = false;
        spec.problem(
          ['rows', i, Array.isArray(row) ? j : keys[j]!],
          `column "${column.title}" ${formatted.message}`,
        );
        return '';
      }
      const tag = j === 0 && column.format === 'text' ? 'th scope="row"' : 'td';
      return `<${tag} class="table-${alignOf(column)}">${escapeHtml(formatted.text)}</${tag.slice(0, 2)}>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  if (!ok) return '';
  const head = columns
    .map(
      (c) =>
        `<th scope="col" class="table-${alignOf(c)}">${escapeHtml(c.title)}` +
        (c.unit ? `<span class="table-unit">${escapeHtml(c.unit)}</span>` : '') +
        '</th>',
    )
    .join('');
  return (
    `<figure${renderAttrs({ class: 'deck-table', id: ctx.id, 'data-block': 'table' })}>` +
    (caption
      ? `<figcaption class="table-caption" id="${ctx.id}-caption">${escapeHtml(caption)}</figcaption>`
      : '') +
    // A region a keyboard can scroll when it is wider than the screen.
    `<div${renderAttrs({ class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': caption ? `${ctx.id}-caption` : undefined, 'aria-label': caption ? undefined : keys.join(', ') })}>` +
    `<table class="table-data"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>` +
    (source ? `<p class="table-source" data-source-line>${escapeHtml(source)}</p>` : '') +
    '</figure>\n'
  );
}

export const tableBlock = defineBlock({
  name: 'table',
  schema: TableSchema,
  expand,
  render,
  css: './style.css',
  narrow: 'scroll',
});
