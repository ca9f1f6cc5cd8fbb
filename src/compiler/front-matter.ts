import * as v from 'valibot';
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
  for (const issue of result.issues) {
    const key = String(issue.path?.[0]?.key ?? '');
    bad.add(key);
    const keyLine = text.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    const known = Object.keys(schema.entries).join(', ');
    const message =
      issue.type === 'strict_object'
        ? `unknown front matter key "${key}"${isFirst ? '' : ' (deck options go in the first file)'}: known keys are ${known}`
        : `front matter "${key}": ${issue.message}`;
    report({ file, line: line + Math.max(0, keyLine), column: 1, message });
  }
  if (data && typeof data === 'object') {
    for (const [k, val] of Object.entries(data)) if (!bad.has(k) && k in schema.entries) out[k] = val;
  }
  return out as DeckMeta;
}
