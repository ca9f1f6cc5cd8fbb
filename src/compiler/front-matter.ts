import * as v from 'valibot';
import { CspSchema, LangSchema, MarkdownSchema } from './deck-options.ts';
import type { Report } from './diagnostics.ts';
import { isRecord } from './record.ts';
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
  /**
   * reveal.js's markdown parsing options (`separator`, `separator-vertical`, … `defaults: reveal`): the first
   * file's apply to every file, another file's to that file alone.
   */
  markdown: v.optional(MarkdownSchema),
});

/** reveal-md's front matter keys for its separators, read as the `markdown:` option each stands for. */
const REVEAL_MD_KEYS = {
  separator: 'separator',
  verticalSeparator: 'separator-vertical',
  notesSeparator: 'separator-notes',
} as const;

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
  const { data, moved } = revealMdKeys(doc.value ?? {});
  for (const [alias, key] of moved)
    report({
      ...doc.place([alias], 'key'),
      severity: 'warning',
      message: `"${alias}" is reveal-md's name: read as markdown: { ${key}: … }, which says the same in this engine`,
    });
  const read = readSpec(
    doc,
    schema,
    (place, message) => {
      const deckKey = !isFirst && /^unknown key "(\w+)" in front matter/.exec(message)?.[1];
      const hint = deckKey && deckKey in DeckSchema.entries ? ' (deck options go in the first file)' : '';
      report({ ...place, message: message + hint });
    },
    {
      ...say,
      // A problem with a moved key is where the author wrote it.
      locate: (path, part) => {
        const alias = path[0] === 'markdown' && [...moved].find(([, key]) => key === path[1])?.[0];
        return alias ? doc.place([alias], part) : doc.place(path, part);
      },
    },
    data,
  );
  if (read.ok) return read.value;
  // The keys that are valid on their own still apply.
  const out: Record<string, unknown> = {};
  if (isRecord(data)) {
    const entries: v.ObjectEntries = schema.entries;
    for (const [k, value] of Object.entries(data)) {
      const field = entries[k];
      const one = field && v.safeParse(field, value);
      if (one?.success) out[k] = one.output;
    }
  }
  return out as DeckMeta;
}

/** The front matter with reveal-md's separator keys moved into `markdown:` (unless it sets them already). */
function revealMdKeys(value: unknown): { data: unknown; moved: Map<string, string> } {
  const moved = new Map<string, string>();
  if (!isRecord(value)) return { data: value, moved };
  const data: Record<string, unknown> = { ...value };
  const markdown = data.markdown;
  if (markdown !== undefined && !isRecord(markdown)) return { data: value, moved };
  const into: Record<string, unknown> = { ...markdown };
  for (const [alias, key] of Object.entries(REVEAL_MD_KEYS)) {
    if (!(alias in data) || key in into) continue;
    into[key] = data[alias];
    delete data[alias];
    moved.set(alias, key);
  }
  if (moved.size > 0) data.markdown = into;
  return { data, moved };
}
