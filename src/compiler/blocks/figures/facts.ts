import * as v from 'valibot';
import { resolveFrom } from '../../paths.ts';
import { parseYaml } from '../chart/yaml-source.ts';
import type { BlockContext } from '../types.ts';

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

export type Facts = v.InferOutput<typeof FactsSchema>;
export type Fact = Facts['facts'][string];

/** Where a block finds the facts when it does not say: beside the slides. */
export const DEFAULT_FACTS = './data/facts.yaml';

/** Reads and validates a facts file, reporting problems at their line in it. */
export function loadFacts(ctx: BlockContext, ref: string, line: number): Facts | undefined {
  const path = resolveFrom(ctx.file, ref);
  const text = ctx.host.readText(path);
  ctx.depend(path);
  if (text === undefined) {
    ctx.report({
      file: ctx.file,
      line,
      column: 1,
      message: `data file ${path} not found: create it or fix "data:"`,
    });
    return undefined;
  }
  const doc = parseYaml(path, text);
  for (const e of doc.errors)
    ctx.report({ ...e.place, message: `facts file is not valid YAML: ${e.message}` });
  const parsed = v.safeParse(FactsSchema, doc.value);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const keys = (issue.path ?? []).map((p) => p.key as string | number);
      ctx.report({ ...doc.place(keys), message: `facts file: ${keys.join('.')}: ${issue.message}` });
    }
    return undefined;
  }
  for (const [id, fact] of Object.entries(parsed.output.facts)) {
    if (!(fact.source in parsed.output.sources)) {
      ctx.report({
        ...doc.place(['facts', id, 'source']),
        message: `fact "${id}" names source "${fact.source}", which is not under sources:`,
      });
    }
  }
  return parsed.output;
}
