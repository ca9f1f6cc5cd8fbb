import type { Block } from './blocks/define.ts';
import { defaultBlocks } from './blocks/registry.ts';
import { type MarkdownConfig, markdownOptions } from './deck-options.ts';
import { collector, type Diagnostic, sortDiagnostics } from './diagnostics.ts';
import { DEFAULT_FACTS, type Facts, loadFacts } from './facts/load.ts';
import { type DeckMeta, parseFrontMatter } from './front-matter.ts';
import type { CompileHost } from './host.ts';
import type { DeckSummary } from './markdown/env.ts';
import { createMarkdown } from './markdown/index.ts';
import type { MarkdownOptions } from './markdown/options.ts';
import { renderSlide, type Slide } from './slide.ts';
import { readHead, splitSlides } from './split.ts';
import { binaryProblem } from './text.ts';

export type { Diagnostic } from './diagnostics.ts';
export type { DeckMeta } from './front-matter.ts';
export type { CompileHost } from './host.ts';
export type { Slide } from './slide.ts';

export interface SourceFile {
  /** Path relative to the project root, with forward slashes: `slides/01-title.md`. */
  path: string;
  text: string;
  /** Why the file could not be read as text (a link out of the project, bad UTF-8 …), where it was found. */
  refused?: { line: number; column: number; message: string };
}

export interface CompileOptions {
  host: CompileHost;
  /** Every block the deck may use. @default the engine's (blocks/registry.ts) */
  blocks?: Block[];
  /** The language the slides are written in. @default 'en' */
  lang?: string;
  /** The markdown files' folder, relative to the project root (messages name it). @default 'slides' */
  slidesDir?: string;
  /** The facts file, relative to the project root. @default `data/facts.yaml` beside the slides */
  facts?: string;
  /** Whether every chart must name its source (the deck config's `sources`). @default 'optional' */
  sources?: 'required' | 'optional';
  /** reveal.js markdown options from the deck's config; the first file's front matter `markdown:` wins key by key. */
  markdown?: MarkdownConfig;
  /** --untrusted: the slides' raw HTML may hold no code (`<script>`, `on…=`, `javascript:`). @default false */
  untrusted?: boolean;
}

export interface CompiledDeck {
  meta: DeckMeta;
  /** Horizontal slides, each with its vertical slides (a stack of one when it has none). */
  stacks: Slide[][];
  /** The `<section>` HTML of every slide, ready to go inside `.reveal .slides`. */
  html: string;
  diagnostics: Diagnostic[];
  /** Files other than the markdown that the deck read (data files), root-relative. */
  dependencies: string[];
  /** Block names in use, for loading their runtimes. */
  blocks: string[];
  /** Ids of the sources the slides cite, in order of first citation. */
  cited: string[];
}

/** The `<section>` HTML of the stacks: a stack of more than one slide nests its vertical slides. */
export function stacksHtml(stacks: Slide[][]): string {
  return stacks
    .map((stack) =>
      stack.length === 1 ? stack[0]!.html : `<section>\n${stack.map((s) => s.html).join('\n')}\n</section>`,
    )
    .join('\n');
}

const deferredMark = (i: number) => `<!--deck-deferred:${i}-->`;
const DEFERRED = /<!--deck-deferred:(\d+)-->/g;

/** Compiles markdown files (in the order given) into reveal.js sections. Pure: all I/O goes through `host`. */
export function compileDeck(files: SourceFile[], options: CompileOptions): CompiledDeck {
  const { diagnostics, report } = collector();
  const md = createMarkdown();
  let parsing: MarkdownOptions = markdownOptions(options.markdown);
  const factsRef = options.facts ? `/${options.facts}` : DEFAULT_FACTS;
  const blocks = new Map((options.blocks ?? defaultBlocks).map((b) => [b.name, b]));
  const dependencies = new Set<string>();
  const stacks: Slide[][] = [];
  let meta: DeckMeta = {};
  let blockCount = 0;
  /** Sources cited anywhere in the deck, by id: what a ```sources block lists. */
  const cited = new Map<string, string>();
  const deferred: ((deck: DeckSummary) => string)[] = [];
  const factsOf = new Map<string, Facts | undefined>();

  files.forEach((source, fileIndex) => {
    const refused = source.refused ?? binaryProblem(source.text);
    if (refused) {
      report({ file: source.path, ...refused, message: `${source.path} ${refused.message}` });
      return;
    }
    if (source.text.trim() === '') {
      report({
        file: source.path,
        line: 1,
        column: 1,
        severity: 'warning',
        message: 'the file is empty and adds no slide: write some markdown in it or delete it',
      });
      return;
    }
    const head = readHead(source.path, source.text, report);
    const fm = head.frontMatter
      ? parseFrontMatter(source.path, head.frontMatter.text, head.frontMatter.line, fileIndex === 0, report)
      : {};
    if (fileIndex === 0) {
      meta = fm;
      // The first file's front matter sets how every file is read.
      parsing = markdownOptions(fm.markdown ? { ...options.markdown, ...fm.markdown } : options.markdown);
    }
    splitSlides(head, parsing, report).forEach((chunk, k) => {
      const slide = renderSlide(md, chunk, {
        host: options.host,
        report,
        blocks,
        fileClass: fm.class,
        options: parsing,
        section: fm.section ?? fm.title,
        depend: (p) => dependencies.add(p),
        nextBlockId: () => `b${++blockCount}`,
        factsFile: factsRef,
        lang: options.lang ?? 'en',
        sources: options.sources ?? 'optional',
        untrusted: options.untrusted ?? false,
        facts: () => {
          if (!factsOf.has(source.path)) {
            const ctx = {
              file: source.path,
              host: options.host,
              report,
              depend: (p: string) => dependencies.add(p),
            };
            factsOf.set(source.path, loadFacts(ctx, factsRef, 1, true));
          }
          return factsOf.get(source.path);
        },
        cite: (id, short) => cited.set(id, short),
        defer: (render) => {
          deferred.push(render);
          return deferredMark(deferred.length - 1);
        },
      });
      const stack = stacks[stacks.length - 1];
      if (chunk.kind === 'v' && k > 0 && stack) stack.push(slide);
      else stacks.push([slide]);
    });
  });

  if (stacks.length === 0) {
    const dir = `${options.slidesDir ?? 'slides'}/`;
    report({
      file: files[0]?.path ?? dir,
      line: 1,
      column: 1,
      message: `the deck has no slides: add a markdown file with some content to ${dir}`,
    });
  }
  // Blocks that summarise the deck (the sources it cites) render once every slide has.
  const rendered = deferred.map((render) => render({ cited }));
  stacks.forEach((stack, h) => {
    stack.forEach((slide, v) => {
      slide.h = h;
      slide.v = v;
      slide.html = slide.html.replace(DEFERRED, (_, i: string) => rendered[Number(i)] ?? '');
    });
  });
  const html = stacksHtml(stacks);
  const used = new Set(stacks.flat().flatMap((s) => s.blocks.map((b) => b.name)));
  return {
    meta,
    stacks,
    html,
    diagnostics: sortDiagnostics(diagnostics),
    dependencies: [...dependencies].sort(),
    cited: [...cited.keys()],
    blocks: [...used].sort(),
  };
}
