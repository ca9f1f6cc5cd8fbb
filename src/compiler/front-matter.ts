import * as v from 'valibot';
import { CspSchema, LangSchema, MarkdownSchema } from './deck-options.ts';
import type { Report } from './diagnostics.ts';
import { parseYaml } from './yaml.ts';

const TRANSITIONS = ['none', 'fade', 'slide', 'convex', 'concave', 'zoom'] as const;

/** Keys any file's front matter may set. */
const FileSchema = v.strictObject({
  title: v.optional(v.string()),
  /** Outline section that this file's slides belong to (PDF bookmarks, agenda). */
  section: v.optional(v.string()),
  /** Classes added to every slide of the file. */
  class: v.optional(v.string()),
});

/** Keys only the first file may set: they configure the whole deck. */
const DeckSchema = v.strictObject({
  ...FileSchema.entries,
  author: v.optional(v.string()),
  subject: v.optional(v.string()),
  keywords: v.optional(v.string()),
  date: v.optional(v.union([v.string(), v.date()])),
  transition: v.optional(v.picklist(TRANSITIONS)),
  /** The language the slides are written in (`<html lang>`, UI text); a deck config's `lang:` wins. */
  lang: v.optional(LangSchema),
  /** reveal.js's markdown parsing options (`separator`, `separator-vertical`, … `defaults: reveal`). */
  markdown: v.optional(MarkdownSchema),
  /** Off-origin hosts the deck's pages may load images, media and frames from. */
  csp: v.optional(CspSchema),
});

export type FileMeta = v.InferOutput<typeof FileSchema>;
export type DeckMeta = v.InferOutput<typeof DeckSchema>;

/**
 * Parses a file's front matter. Problems are reported at their YAML line; the valid keys still apply.
 * `line` is the 1-based line of the first YAML line in `file`.
 */
export function parseFrontMatter(
  file: string,
  text: string,
  line: number,
  isFirst: boolean,
  report: Report,
): DeckMeta {
  const doc = parseYaml(file, text, line);
  for (const e of doc.errors) {
    report({
      ...e.place,
      message: `front matter is not valid YAML (${e.message}): write "key: value" lines`,
    });
  }
  if (doc.errors.length > 0) return {};
  const data: unknown = doc.value ?? {};
  const schema = isFirst ? DeckSchema : FileSchema;
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const out: Record<string, unknown> = {};
  const bad = new Set<string>();
  const yamlLines = text.split('\n');
  for (const issue of result.issues) {
    const path = (issue.path ?? []).map((p) => String(p.key));
    const key = path[0] ?? '';
    bad.add(key);
    const last = [...path].reverse().find((k) => !/^\d+$/.test(k)) ?? ''; // an item: its list's key
    const keyLine = yamlLines.findIndex((l) =>
      path.length > 1 ? l.trimStart().startsWith(`${last}:`) : l.startsWith(`${key}:`),
    );
    const known = knownKeys(schema, path.slice(0, -1)).join(', ');
    const message =
      issue.type === 'strict_object'
        ? `unknown front matter key "${path.join('.')}"${isFirst || path.length > 1 ? '' : ' (deck options go in the first file)'}: known keys are ${known}`
        : `front matter "${path.join('.')}": ${issue.message}`;
    report({ file, line: line + Math.max(0, keyLine), column: 1, message });
  }
  if (data && typeof data === 'object') {
    for (const [k, val] of Object.entries(data)) if (!bad.has(k) && k in schema.entries) out[k] = val;
  }
  return out as DeckMeta;
}

/** The keys an object schema (or one nested in it, by `path`) knows, for "known keys are …" messages. */
function knownKeys(
  schema: v.ObjectSchema<v.ObjectEntries, undefined> | v.StrictObjectSchema<v.ObjectEntries, undefined>,
  path: string[],
): string[] {
  let entries: v.ObjectEntries = schema.entries;
  for (const key of path) {
    let inner: unknown = entries[key];
    while (inner && typeof inner === 'object' && 'wrapped' in inner)
      inner = (inner as { wrapped: unknown }).wrapped;
    if (!inner || typeof inner !== 'object' || !('entries' in inner)) return [];
    entries = (inner as { entries: v.ObjectEntries }).entries;
  }
  return Object.keys(entries);
}
