import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as v from 'valibot';
import { NOT_FOUND, readDeckText } from '../compiler/host.ts';
import { resolveFrom } from '../compiler/paths.ts';
import { type Locator, type Part, pathName, readSpec, type SpecPath } from '../compiler/spec.ts';
import { type Place, parseYaml, type YamlSource } from '../compiler/yaml.ts';
import { NARROW_ATTR, type NarrowMode } from '../contracts/blocks.ts';
import type { BlockContext } from './types.ts';

export type { YamlSource as SpecSource } from '../compiler/yaml.ts';
export type { NarrowMode } from '../contracts/blocks.ts';
export type { BlockContext } from './types.ts';

/** A validated spec, with a way back from any of its values to where it was written. */
export interface Spec<T> {
  value: T;
  /** Where the value (or key) at `path` was written: the fence, or a file the block read keys from. */
  at(path: SpecPath, part?: Part): Place;
  /** Reports a problem at `path`, prefixed with the block's name. */
  problem(path: SpecPath, message: string, part?: Part): void;
}

/**
 * A module the page loads for a block: a `file:` URL (`new URL('./runtime.ts', import.meta.url)`, for a deck's
 * own block), an absolute path, a package specifier, or, for the engine's own blocks, a path relative to the
 * block's folder (`./runtime.ts`: their code runs from src/ and, bundled into the CLI, from lib/cli/, where
 * import.meta.url points elsewhere; the registry says where the folder is). Vite bundles it only into a deck
 * that uses the block.
 */
export type ModuleRef = URL | string;

/** What a block may do to its YAML before validation: merge another file's keys, resolve facts. */
export interface Expansion {
  value: unknown;
  /** Where keys of the expanded value were written (defaults to the fence's YAML). */
  locate?: Locator;
}

export interface BlockDefinition<S extends v.GenericSchema> {
  /** The fence name: ```name. */
  name: string;
  /** The YAML spec's schema (valibot); every problem is explained at its line and column. */
  schema: S;
  /** The block's HTML from its valid spec. Every string from the spec must be escaped. */
  render(spec: Spec<v.InferOutput<S>>, ctx: BlockContext): string;
  /**
   * Runs between the YAML and the schema: may complete the spec (a data file's keys). Returns undefined when
   * it reported a problem.
   */
  expand?(value: unknown, doc: YamlSource, ctx: BlockContext): Expansion | undefined;
  /** The browser part that brings the block to life: its module's default export returns a `DeckPart`. */
  runtime?: ModuleRef;
  /** The block's stylesheet, bundled only into a deck that uses the block. */
  css?: ModuleRef;
  /**
   * How the block renders in the phone reader layout (`html[data-layout="reader"]`): `reflow` (its HTML and
   * CSS fit any width), `scroll` (it keeps its size and scrolls across inside itself, never the page) or
   * `redraw` (its runtime draws it again at the screen's width).
   */
  narrow: NarrowMode;
  /** What to write after the fence name, for the message when something is (the options go in the YAML). */
  example?: string;
}

/** A block as the compiler and the Vite plugin see it. */
export interface Block {
  name: string;
  render(body: string, ctx: BlockContext): string;
  /**
   * The runtime module and stylesheet, when there are: an absolute path, a package specifier, `engine:<path>`
   * (a file of the engine's), or `./…` relative to the block's folder until the registry places it (`inEngine`).
   */
  runtime?: string;
  css?: string;
  narrow: NarrowMode;
}

/** Marks a path relative to the engine's folder; the Vite plugin resolves it. */
export const ENGINE = 'engine:';

const modulePath = (ref: ModuleRef | undefined): string | undefined => {
  if (ref === undefined) return undefined;
  const text = String(ref);
  return text.startsWith('file:') ? fileURLToPath(text) : text;
};

/** A module reference relative to a block's folder (`./runtime.ts`, `../diagram/style.css`). */
export const isFolderRelative = (ref: string): boolean => !isAbsolute(ref) && ref.startsWith('.');

/** The root tag of the block's HTML gets `data-narrow-mode`, which the reader layout keys on. */
const markNarrow = (html: string, mode: NarrowMode) =>
  html.replace(/^(\s*<[a-zA-Z][\w-]*)/, `$1 ${NARROW_ATTR}="${mode}"`);

/**
 * Defines a fenced block: its YAML goes through the one spec pipeline (positions → schema → explained
 * problems with suggestions), then `render`. A new block is one module calling this, plus one line in the
 * registry (or the deck config's `blocks` list).
 */
export function defineBlock<S extends v.GenericSchema>(def: BlockDefinition<S>): Block {
  const runtime = modulePath(def.runtime);
  const css = modulePath(def.css);
  return {
    name: def.name,
    narrow: def.narrow,
    ...(runtime ? { runtime } : {}),
    ...(css ? { css } : {}),
    render(body, ctx) {
      const say = (place: { file?: string; line: number; column: number }, message: string) =>
        ctx.report({ file: place.file ?? ctx.file, line: place.line, column: place.column, message });
      if (ctx.info) {
        say(
          { line: ctx.line, column: 1 },
          `${def.name}: options go in the YAML spec, not after the fence name${def.example ? ` (e.g. "${def.example}")` : ''}; remove "${ctx.info}"`,
        );
      }
      const doc = parseYaml(ctx.file, body, ctx.line + 1);
      let value: unknown = doc.value;
      let locate: Locator = (path, part = 'value') => doc.place(path, part);
      if (def.expand && doc.errors.length === 0) {
        const expanded = def.expand(value, doc, ctx);
        if (!expanded) return '';
        value = expanded.value;
        if (expanded.locate) locate = expanded.locate;
      }
      const read = readSpec(
        doc,
        def.schema,
        say,
        {
          label: def.name,
          locate,
          emptyAt: { file: ctx.file, line: ctx.line, column: 1 },
        },
        value,
      );
      if (!read.ok) return '';
      const at = (path: SpecPath, part: Part = 'value') => locate(path, part);
      const spec: Spec<v.InferOutput<S>> = {
        value: read.value,
        at,
        problem: (path, message, part = 'value') => say(at(path, part), `${def.name}: ${message}`),
      };
      const html = def.render(spec, ctx);
      return html ? markNarrow(html, def.narrow) : html;
    },
  };
}

/**
 * Reads a data file a block's spec names: `ref` is relative to the markdown file (as an image's path), `at` is
 * where it was written. The dev server rebuilds when the file changes. Returns undefined when the file cannot be
 * read, after reporting why (at `at`, or at the bad bytes in the file) and what to do.
 */
export function readBlockFile(
  ctx: BlockContext,
  block: string,
  ref: string,
  at: Place,
): { path: string; text: string } | undefined {
  const path = resolveFrom(ctx.file, ref);
  ctx.depend(path);
  const read = readDeckText(ctx.host, path);
  if ('text' in read) return { path, text: read.text };
  const say = (place: Place, message: string) => ctx.report({ ...place, message: `${block}: ${message}` });
  if (read.problem === NOT_FOUND)
    say(
      at,
      `${path} does not exist (resolved from "${ref}" relative to ${ctx.file}); create it or fix the path`,
    );
  else
    say(
      read.line ? { file: path, line: read.line, column: read.column ?? 1 } : at,
      `${path} ${read.problem}`,
    );
  return undefined;
}

// What a block module needs besides defineBlock, so a block is written against this module alone.
export { escapeHtml, renderAttrs } from '../compiler/html.ts';
export { didYouMean, suggest } from '../compiler/suggest.ts';
export * as fields from './fields.ts';
export { parseYaml, pathName };
