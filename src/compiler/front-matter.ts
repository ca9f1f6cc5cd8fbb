import * as v from 'valibot';
import { CspSchema, LangSchema, MarkdownSchema } from './deck-options.ts';
import type { Report } from './diagnostics.ts';
import { readSpec } from './spec.ts';
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

const say = { root: 'front matter', yamlHint: 'write "key: value" lines' };

/**
 * Parses a file's front matter through the spec pipeline. Problems are reported at their YAML line and
 * column; the valid keys still apply. `line` is the 1-based line of the first YAML line in `file`.
 */
export function parseFrontMatter(
  file: string,
  text: string,
  line: number,
  isFirst: boolean,
  report: Report,
): DeckMeta {
  const doc = parseYaml(file, text, line);
  const schema = isFirst ? DeckSchema : FileSchema;
  const data: unknown = doc.value ?? {};
  const read = readSpec(
    doc,
    schema,
    (place, message) => {
      const deckKey = !isFirst && /^unknown key "(\w+)" in front matter/.exec(message)?.[1];
      const hint = deckKey && deckKey in DeckSchema.entries ? ' (deck options go in the first file)' : '';
      report({ ...place, message: message + hint });
    },
    say,
    data,
  );
  if (read.ok) return read.value;
  // The keys that are valid on their own still apply.
  const out: Record<string, unknown> = {};
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const entries: v.ObjectEntries = schema.entries;
    for (const [k, value] of Object.entries(data)) {
      const field = entries[k];
      const one = field && v.safeParse(field, value);
      if (one?.success) out[k] = one.output;
    }
  }
  return out as DeckMeta;
}
