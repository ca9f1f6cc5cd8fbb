import * as v from 'valibot';
import { closest } from '../../suggest.ts';
import { parseYaml } from '../../yaml.ts';
import type { BlockContext } from '../types.ts';

/** A path into the spec, as valibot reports it: keys and array indices. */
export type SpecPath = (string | number)[];

/** A validated spec, with a way back from any of its values to the line and column it came from. */
export interface Spec<T> {
  value: T;
  /** The location of the value at `path` (or of its key), as absolute line and column in the file. */
  at(path: SpecPath, part?: 'key' | 'value'): { line: number; column: number };
  /** Reports a problem at `path`. */
  problem(path: SpecPath, message: string, part?: 'key' | 'value'): void;
}

/** `tiers[1].nodes[0].label`: how messages name a place in the spec. */
export function pathName(path: SpecPath): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || 'the spec'
  );
}

type AnySchema = v.GenericSchema & {
  wrapped?: AnySchema;
  pipe?: AnySchema[];
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  options?: AnySchema[];
};

/** The schema describing the value at `path`, looking through optional, pipe and union wrappers. */
function schemaAt(schema: AnySchema | undefined, path: SpecPath): AnySchema | undefined {
  let s = schema;
  const unwrap = () => {
    while (s?.wrapped || (s?.type === 'pipe' && s.pipe)) s = s.wrapped ?? s.pipe?.[0];
  };
  unwrap();
  for (const key of path) {
    if (s?.type === 'union') s = s.options?.find((o) => (typeof key === 'number' ? o.item : o.entries));
    unwrap();
    s = typeof key === 'number' ? s?.item : s?.entries?.[key];
    unwrap();
  }
  if (s?.type === 'union') s = s.options?.find((o) => o.entries) ?? s;
  return s;
}

function explain(
  issue: v.BaseIssue<unknown>,
  schema: AnySchema,
): { path: SpecPath; message: string; part: 'key' | 'value' } {
  const path: SpecPath = (issue.path ?? []).map((p) => p.key as string | number);
  const key = path.at(-1);
  const where = pathName(path.slice(0, -1));
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const known = Object.keys(schemaAt(schema, path.slice(0, -1))?.entries ?? {});
    const near = closest(String(key), known);
    return {
      path,
      part: 'key',
      message:
        `unknown key "${String(key)}" in ${where}: ` +
        (near ? `did you mean "${near}"? ` : '') +
        `known keys are ${known.join(', ')}`,
    };
  }
  if (issue.type === 'strict_object' || issue.type === 'object') {
    return {
      path: path.slice(0, -1),
      part: 'value',
      message: `${where} needs "${String(key)}": add ${String(key)}: …`,
    };
  }
  // Custom messages from the schema's own checks already say what to write.
  if (issue.kind === 'validation')
    return { path, part: 'value', message: `${pathName(path)} ${issue.message}` };
  const got = JSON.stringify(issue.input) ?? String(issue.input);
  if (issue.type === 'picklist') {
    const options = String(issue.expected).replace(/[()"]/g, '').split(' | ');
    return {
      path,
      part: 'value',
      message: `${pathName(path)} must be one of ${options.join(', ')}; got ${got}`,
    };
  }
  return { path, part: 'value', message: `${pathName(path)} must be ${issue.expected}; got ${got}` };
}

/**
 * A union's issue hides why the option of the right shape failed: report that option's own issues
 * (e.g. an unknown key in a link written as a mapping), or the union's when no option came close.
 */
function expandUnion(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown>[] {
  if (issue.type !== 'union' || !issue.issues) return [issue];
  const depth = issue.path?.length ?? 0;
  const inner = issue.issues.filter((i) => i.kind === 'validation' || (i.path?.length ?? 0) > depth);
  return inner.length > 0 ? inner.flatMap(expandUnion) : [issue];
}

/** Diagram blocks take no options after the fence name: they belong in the YAML spec. */
export function rejectFenceOptions(ctx: BlockContext, block: string, example: string): void {
  if (!ctx.info) return;
  ctx.report({
    file: ctx.file,
    line: ctx.line,
    column: 1,
    message: `${block}: options go in the YAML spec, not after the fence name (e.g. "${example}"); remove "${ctx.info}"`,
  });
}

/**
 * Parses a block's YAML body and validates it with `schema`, reporting every problem at its line and
 * column in the slide file. Returns undefined when there is any problem (the block then shows an error).
 */
export function parseSpec<S extends v.GenericSchema>(
  body: string,
  ctx: BlockContext,
  block: string,
  schema: S,
): Spec<v.InferOutput<S>> | undefined {
  const doc = parseYaml(ctx.file, body, ctx.line + 1);
  const report = (where: { line: number; column: number }, message: string) =>
    ctx.report({ file: ctx.file, line: where.line, column: where.column, message: `${block}: ${message}` });

  // One YAML error usually causes the next ones: report the first.
  const [error] = doc.errors;
  if (error) {
    report(error.place, `the spec is not valid YAML (${error.message}): fix the indentation or quoting`);
    return undefined;
  }

  const at = (path: SpecPath, part: 'key' | 'value' = 'value') => {
    const place = doc.place(path, part);
    return { line: place.line, column: place.column };
  };
  const problem = (path: SpecPath, message: string, part: 'key' | 'value' = 'value') =>
    report(at(path, part), message);

  const data: unknown = doc.value;
  const keys = Object.keys((schema as AnySchema).entries ?? {});
  if (data === null || data === undefined) {
    report(
      { line: ctx.line, column: 1 },
      `the block is empty: write its YAML spec (keys ${keys.join(', ')})`,
    );
    return undefined;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    report(
      at([]),
      `the spec must be a YAML mapping of keys (${keys.join(', ')}), not a ${Array.isArray(data) ? 'list' : 'single value'}`,
    );
    return undefined;
  }
  const result = v.safeParse(schema, data, { abortEarly: false });
  if (!result.success) {
    for (const issue of result.issues.flatMap(expandUnion)) {
      const d = explain(issue, schema as AnySchema);
      problem(d.path, d.message, d.part);
    }
    return undefined;
  }
  return { value: result.output, at, problem };
}

/** Schema pieces shared by the diagram blocks. */

/** Text: a string, or a number written bare in YAML (`label: 66`). */
export const text = v.pipe(
  v.union([v.string(), v.number()], 'must be text'),
  v.transform((x) => String(x).trim()),
  v.minLength(1, 'must not be empty'),
);

/** A size in design px, within [min, max]. */
export const pixels = (min: number, max: number) =>
  v.pipe(
    v.number(),
    v.integer('must be a whole number of px'),
    v.minValue(min, `must be at least ${min} (px)`),
    v.maxValue(max, `must be at most ${max} (px): the slide's content box is 1680×896`),
  );

/** Ids name nodes in links and end up in `data-node`: keep them short and plain. */
export const nodeId = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform(String),
  v.regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, 'must be letters, digits, "_" or "-" (e.g. auto-parts)'),
);
