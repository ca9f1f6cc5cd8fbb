import * as v from 'valibot';
import type { Report } from '../diagnostics.ts';
import { type CompileHost, NOT_FOUND, readDeckText } from '../host.ts';
import { resolveFrom } from '../paths.ts';
import { parseYaml } from '../yaml.ts';

/** slides/data/facts.yaml: every figure the deck states, each with its source. */
const SourceSchema = v.object({
  short: v.string(),
  title: v.string(),
  publisher: v.optional(v.string()),
  date: v.optional(v.union([v.string(), v.number()])),
  url: v.optional(v.string()),
  confidence: v.optional(v.picklist(['high', 'medium'])),
});

const FactSchema = v.object({
  value: v.number(),
  unit: v.string(),
  text: v.string(),
  source: v.string(),
  derived: v.optional(v.boolean()),
  confidence: v.optional(v.picklist(['high', 'medium'])),
});

export const FactsSchema = v.object({
  sources: v.record(v.string(), SourceSchema),
  facts: v.record(v.string(), FactSchema),
  dates: v.optional(v.record(v.string(), v.object({ text: v.string(), source: v.string() }))),
});

/** The facts of one file, with its root-relative path (messages name the file to look in). */
export type Facts = v.InferOutput<typeof FactsSchema> & { file: string };
export type Fact = Facts['facts'][string];

/** Where a block finds the facts when it does not say: beside the slides. */
export const DEFAULT_FACTS = './data/facts.yaml';

type Problem = Parameters<Report>[0];

/** Why a fact could not be resolved when the deck has no facts file, naming the one it looked for. */
export function noFactsFile(ctx: { file: string; factsFile: string }): string {
  return `there is no facts file (${resolveFrom(ctx.file, ctx.factsFile)})`;
}

/** What reading a facts file needs: where it is cited from, and the compiler's I/O and report. */
export interface FactsContext {
  file: string;
  host: CompileHost;
  report: Report;
  depend(path: string): void;
}

/** Parsed facts files by path, kept while their text is unchanged: every figures block reads the same file. */
const parsedFiles = new Map<string, { text: string; facts: Facts | undefined; problems: Problem[] }>();

function parseFacts(path: string, text: string): { facts: Facts | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const doc = parseYaml(path, text);
  for (const e of doc.errors)
    problems.push({ ...e.place, message: `facts file is not valid YAML: ${e.message}` });
  if (doc.errors.length > 0) return { facts: undefined, problems };
  const parsed = v.safeParse(FactsSchema, doc.value);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const keys = (issue.path ?? []).map((p) => p.key as string | number);
      const where = keys.length > 0 ? `"${keys.join('.')}"` : 'the whole file';
      const what =
        issue.input === undefined
          ? 'is missing: add it'
          : `${issue.message} (it must be a map with sources: and facts:)`;
      problems.push({ ...doc.place(keys), message: `facts file: ${where} ${what}` });
    }
    return { facts: undefined, problems };
  }
  for (const [id, fact] of Object.entries(parsed.output.facts)) {
    if (!(fact.source in parsed.output.sources)) {
      problems.push({
        ...doc.place(['facts', id, 'source']),
        message: `fact "${id}" names source "${fact.source}", which is not under sources:`,
      });
    }
  }
  return { facts: { ...parsed.output, file: path }, problems };
}

/** Reads and validates a facts file, reporting problems at their line in it. */
export function loadFacts(ctx: FactsContext, ref: string, line: number, optional = false): Facts | undefined {
  const path = resolveFrom(ctx.file, ref);
  const read = readDeckText(ctx.host, path);
  ctx.depend(path);
  if (!('text' in read)) {
    if (optional && read.problem === NOT_FOUND) return undefined;
    ctx.report(
      read.line
        ? { file: path, line: read.line, column: read.column ?? 1, message: `${path} ${read.problem}` }
        : {
            file: ctx.file,
            line,
            column: 1,
            message:
              read.problem === NOT_FOUND
                ? `data file ${path} not found: create it or fix "data:"`
                : `data file ${path} ${read.problem}`,
          },
    );
    return undefined;
  }
  const text = read.text;
  let entry = parsedFiles.get(path);
  if (entry?.text !== text) {
    entry = { text, ...parseFacts(path, text) };
    parsedFiles.set(path, entry);
  }
  for (const p of entry.problems) ctx.report(p);
  return entry.facts;
}
