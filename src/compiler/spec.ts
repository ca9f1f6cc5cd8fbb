import * as v from 'valibot';
import { isRecord } from './record.ts';
import { didYouMean } from './suggest.ts';
import type { PathItem, Place, YamlSource } from './yaml.ts';

/**
 * The one spec pipeline: YAML with positions (yaml.ts) → valibot → one explainer → one suggester. Every block
 * and the front matter read their YAML through it, so a problem reads the same wherever it is written.
 */

export type SpecPath = PathItem[];
export type Part = 'key' | 'value';

/** Where a spec path was written (a block may take keys from another file: its locator says where). */
export type Locator = (path: SpecPath, part?: Part) => Place;

export interface SpecProblem {
  path: SpecPath;
  part: Part;
  message: string;
}

/** `tiers[1].nodes[0].label`: how messages name a place in the spec. */
export function pathName(path: SpecPath, root = 'the spec'): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || root;
}

type AnySchema = v.GenericSchema & {
  wrapped?: AnySchema;
  pipe?: AnySchema[];
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  options?: AnySchema[];
};

const unwrap = (schema: AnySchema | undefined): AnySchema | undefined => {
  let s = schema;
  while (s?.wrapped || (s?.type === 'pipe' && s.pipe)) s = s.wrapped ?? s.pipe?.[0];
  return s;
};

/** The schema describing the value at `path`, looking through optional, pipe and union wrappers. */
function schemaAt(schema: AnySchema | undefined, path: SpecPath): AnySchema | undefined {
  let s = unwrap(schema);
  for (const key of path) {
    if (s?.type === 'union')
      s = s.options?.map(unwrap).find((o) => (typeof key === 'number' ? o?.item : o?.entries));
    s = unwrap(typeof key === 'number' ? s?.item : s?.entries?.[key]);
  }
  if (s?.type === 'union') s = s.options?.map(unwrap).find((o) => o?.entries) ?? s;
  return s;
}

/** The keys a map at `path` may hold, for "known keys are …" and suggestions. */
export function keysAt(schema: v.GenericSchema, path: SpecPath): string[] {
  return Object.keys(schemaAt(schema as AnySchema, path)?.entries ?? {});
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  Array: 'a list',
  array: 'a list',
  Object: 'a map of keys',
  object: 'a map of keys',
  null: 'empty',
  undefined: 'left out',
  Date: 'a date',
};

/** "text or a number" from valibot's `expected` ("string | number"). */
export function describeExpected(expected: string | null): string {
  if (!expected) return 'something else';
  return expected
    .replace(/^\((.*)\)$/, '$1')
    .split(' | ')
    .map((e) => EXPECTED[e] ?? e)
    .join(' or ');
}

const got = (input: unknown) =>
  input === undefined ? 'nothing' : (JSON.stringify(input) ?? String(input)).slice(0, 80);

/** Valibot's stock check messages ("Invalid length: Expected >=1 …") said as a fix. */
function validationMessage(issue: v.BaseIssue<unknown>): string {
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  const limit = String(issue.requirement);
  switch (issue.type) {
    case 'min_length':
      return issue.requirement === 1 ? 'must not be empty' : `must have at least ${limit} entries`;
    case 'max_length':
      return `must have at most ${limit} entries`;
    case 'min_value':
      return `must be at least ${limit}; got ${got(issue.input)}`;
    case 'max_value':
      return `must be at most ${limit}; got ${got(issue.input)}`;
    case 'integer':
      return `must be a whole number; got ${got(issue.input)}`;
    default:
      return `${issue.message.replace(/^Invalid \w+: /, '')}`;
  }
}

/** One valibot issue as a message at a path, with a suggestion where a name was mistyped. */
export function explain(
  issue: v.BaseIssue<unknown>,
  schema: v.GenericSchema,
  root = 'the spec',
): SpecProblem {
  const path: SpecPath = (issue.path ?? []).map((p) => p.key as PathItem);
  const key = path.at(-1);
  const where = pathName(path.slice(0, -1), root);
  if ((issue.type === 'strict_object' || issue.type === 'object') && issue.expected === 'never') {
    const known = keysAt(schema, path.slice(0, -1));
    return {
      path,
      part: 'key',
      message: `unknown key "${String(key)}" in ${where}: ${didYouMean(String(key), known)}known keys are ${known.join(', ')}`,
    };
  }
  if (issue.input === undefined && path.length > 0 && issue.kind === 'schema') {
    return {
      path: path.slice(0, -1),
      part: 'value',
      message: `${where} needs "${String(key)}": add ${String(key)}: …`,
    };
  }
  if (issue.kind === 'validation') {
    return { path, part: 'value', message: `${pathName(path, root)} ${validationMessage(issue)}` };
  }
  if (issue.type === 'picklist' || issue.type === 'literal') {
    const options = String(issue.expected).replace(/[()"]/g, '').split(' | ');
    const word = typeof issue.input === 'string' ? didYouMean(issue.input, options) : '';
    return {
      path,
      part: 'value',
      message: `${pathName(path, root)} must be one of ${options.join(', ')}; got ${got(issue.input)}${word ? `: ${word.trim()}` : ''}`,
    };
  }
  return {
    path,
    part: 'value',
    message: `${pathName(path, root)} must be ${describeExpected(issue.expected)}; got ${got(issue.input)}`,
  };
}

/**
 * A union's issue hides why the option of the right shape failed: report that option's own issues
 * (e.g. an unknown key in a link written as a mapping), or the union's when no option came close.
 */
function expandUnion(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown>[] {
  if (issue.type !== 'union' || !issue.issues) return [issue];
  const depth = issue.path?.length ?? 0;
  // A list is an object to valibot: a map option's "unknown key 0" says nothing about a list.
  const listAsMap = (i: v.BaseIssue<unknown>) => {
    const last = i.path?.at(-1);
    return last?.type === 'object' && Array.isArray(last.input);
  };
  const inner = issue.issues.filter(
    (i) => !listAsMap(i) && (i.kind === 'validation' || (i.path?.length ?? 0) > depth),
  );
  return inner.length > 0 ? inner.flatMap(expandUnion) : [issue];
}

/** Validates a value with `schema`: its output, or every problem explained. */
export function validate<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  root = 'the spec',
): { ok: true; value: v.InferOutput<S> } | { ok: false; problems: SpecProblem[] } {
  const result = v.safeParse(schema, value, { abortEarly: false });
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    problems: result.issues
      .flatMap(expandUnion)
      .flatMap((i) => everyUnknownKey(i, schema))
      .map((i) => explain(i, schema, root)),
  };
}

/** Valibot's strict object stops at its first unknown key: one issue for each, so all are reported at once. */
function everyUnknownKey(issue: v.BaseIssue<unknown>, schema: v.GenericSchema): v.BaseIssue<unknown>[] {
  const last = issue.path?.at(-1);
  const map = last?.input;
  if (issue.type !== 'strict_object' || issue.expected !== 'never' || !last || !isRecord(map)) return [issue];
  const path = (issue.path ?? []).slice(0, -1);
  const known = new Set(
    keysAt(
      schema,
      path.map((p) => p.key as PathItem),
    ),
  );
  return Object.keys(map)
    .filter((key) => !known.has(key))
    .map((key) => ({
      ...issue,
      input: map[key],
      path: [...path, { ...last, key, value: map[key] }] as unknown as typeof issue.path,
    }));
}

/** Whether a schema takes a map at its top (so a list or a bare value is said plainly, before valibot). */
const takesMap = (schema: v.GenericSchema) => {
  let s = schema as AnySchema | undefined;
  while (s?.type === 'pipe') s = s.pipe?.[0];
  return s?.type === 'strict_object' || s?.type === 'object';
};

export interface ReadSpecOptions {
  /** Prefixes every message: the block's name. */
  label?: string;
  /** Names the whole spec in messages. @default 'the spec' */
  root?: string;
  /** What the author should fix a YAML syntax error with. */
  yamlHint?: string;
  /** Where keys were written, when not all of them are in `doc` (a chart's data file). */
  locate?: Locator;
  /** Where an empty spec is reported (the fence's line). */
  emptyAt?: Place;
}

export type SpecRead<T> = { ok: true; value: T } | { ok: false };

/**
 * Runs the pipeline over a parsed YAML document (or a value assembled from it): reports every problem at its
 * line and column with `report`, and returns the validated value when there is none.
 */
export function readSpec<S extends v.GenericSchema>(
  doc: YamlSource,
  schema: S,
  report: (place: Place, message: string) => void,
  options: ReadSpecOptions,
  value: unknown = doc.value,
): SpecRead<v.InferOutput<S>> {
  const root = options.root ?? 'the spec';
  const say = (place: Place, message: string) =>
    report(place, options.label ? `${options.label}: ${message}` : message);
  // One YAML error usually causes the next ones: report the first.
  const [error] = doc.errors;
  if (error) {
    say(
      error.place,
      `${root} is not valid YAML (${error.message}): ${options.yamlHint ?? 'fix the indentation or quoting'}`,
    );
    return { ok: false };
  }
  const locate = options.locate ?? ((path: SpecPath, part: Part = 'value') => doc.place(path, part));
  if (takesMap(schema)) {
    const keys = keysAt(schema, []).join(', ');
    if (value === null || value === undefined) {
      say(options.emptyAt ?? locate([]), `the block is empty: write its YAML spec (keys ${keys})`);
      return { ok: false };
    }
    if (!isRecord(value)) {
      say(
        locate([]),
        `${root} must be a YAML mapping of keys (${keys}), not a ${Array.isArray(value) ? 'list' : 'single value'}`,
      );
      return { ok: false };
    }
  }
  const checked = validate(schema, value, root);
  if (!checked.ok) {
    for (const p of checked.problems) say(locate(p.path, p.part), p.message);
    return { ok: false };
  }
  return checked;
}
