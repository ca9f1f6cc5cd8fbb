import type { Block } from '../blocks/define.ts';
import { defaultBlocks } from '../blocks/registry.ts';
import type { CompileContext } from './context.ts';
import { type MarkdownConfig, markdownOptions } from './deck-options.ts';
import { collector, type Diagnostic, sortDiagnostics } from './diagnostics.ts';
import { DEFAULT_FACTS, type Facts, loadFacts } from './facts/load.ts';
import { type DeckMeta, parseFrontMatter } from './front-matter.ts';
import type { CompileHost } from './host.ts';
import type { DeckSummary } from './markdown/env.ts';
import { createMarkdown } from './markdown/index.ts';
import { type MarkdownOptions, OPTION_KEYS } from './markdown/options.ts';
import { noBreakRule } from './nowrap.ts';
import { type Budget, RegexTimeout } from './regex.ts';
import { lintSeparators } from './separator-lint.ts';
import { renderSlide, type Slide } from './slide.ts';
import { readHead, splitSlides } from './split.ts';
import { binaryProblem } from './text.ts';
import { type Place, parseYaml } from './yaml.ts';

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
  /**
   * Units a number keeps on its line (the deck config's `text.noBreakUnits`). @default the language's
   * (nowrap.ts: Chinese measure words for `zh`, none for other languages)
   */
  noBreakUnits?: readonly string[];
  /** Whether every chart must name its source (the deck config's `sources`). @default 'optional' */
  sources?: 'required' | 'optional';
  /** reveal.js markdown options from the deck's config; the first file's front matter `markdown:` wins key by key. */
  markdown?: MarkdownConfig;
  /** --untrusted: the slides' raw HTML may hold no code (`<script>`, `on…=`, `javascript:`). @default false */
  untrusted?: boolean;
  /** Where the config file sets each `markdown` key (`separator` …), for a problem with its pattern. */
  markdownAt?: Partial<Record<string, Place>>;
  /** How long compiling may take before it stops, at the slide it reached. @default COMPILE_DEADLINE_MS */
  deadlineMs?: number;
}

/** How long compiling a deck may take: far beyond any real deck (this one compiles in well under a second). */
export const COMPILE_DEADLINE_MS = 30_000;

const duration = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/** Front matter `markdown:` keys by option name, for messages. */
const OPTION_KEY = Object.fromEntries(
  Object.entries(OPTION_KEYS).map(([key, option]) => [option, key]),
) as Record<keyof MarkdownOptions, keyof typeof OPTION_KEYS>;

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
  let deckMarkdown = options.markdown;
  let parsing: MarkdownOptions = markdownOptions(deckMarkdown);
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

  const noBreak = noBreakRule(options.lang ?? 'en', options.noBreakUnits);
  const budget: Budget = { deadline: Date.now() + (options.deadlineMs ?? COMPILE_DEADLINE_MS) };
  const depend = (p: string) => dependencies.add(p);
  // Made once, passed down by reference: every slide's env holds it, every block's context is it.
  const compile: CompileContext = {
    host: options.host,
    report,
    blocks,
    depend,
    nextBlockId: () => `b${++blockCount}`,
    // Read once a markdown file, its problems reported at the file that needs it.
    facts: (file) => {
      if (!factsOf.has(file))
        factsOf.set(file, loadFacts({ file, host: options.host, report, depend }, factsRef, 1, true));
      return factsOf.get(file);
    },
    factsFile: factsRef,
    lang: options.lang ?? 'en',
    noBreak,
    sources: options.sources ?? 'optional',
    untrusted: options.untrusted ?? false,
    budget,
    cite: (id, short) => cited.set(id, short),
    defer: (render) => {
      deferred.push(render);
      return deferredMark(deferred.length - 1);
    },
  };
  let first: { file: string; frontMatter?: { text: string; line: number } } | undefined;
  /** Where a markdown option is set: the first file's front matter, else the config, else the file at hand. */
  const optionPlace = (option: keyof MarkdownOptions, file: string): Place => {
    const key = OPTION_KEY[option];
    if (first?.frontMatter && meta.markdown?.[key] !== undefined)
      return parseYaml(first.file, first.frontMatter.text, first.frontMatter.line).place(
        ['markdown', key],
        'value',
      );
    return options.markdownAt?.[key] ?? { file, line: 1, column: 1 };
  };
  /** Past the deadline: a problem at the slide reached, and nothing more is compiled. */
  let stopped = false;
  const overDeadline = (file: string, line: number) => {
    if (Date.now() <= budget.deadline) return false;
    const ms = options.deadlineMs ?? COMPILE_DEADLINE_MS;
    report({
      file,
      line,
      column: 1,
      message: `compiling the deck took over ${duration(ms)} and stopped here, before this slide: the slides after it are not checked; look for what is slow on it (a very large data file or spec)`,
    });
    stopped = true;
    return true;
  };

  for (const [fileIndex, source] of files.entries()) {
    if (stopped || overDeadline(source.path, 1)) break;
    const refused = source.refused ?? binaryProblem(source.text);
    if (refused) {
      report({ file: source.path, ...refused, message: `${source.path} ${refused.message}` });
      continue;
    }
    if (source.text.trim() === '') {
      report({
        file: source.path,
        line: 1,
        column: 1,
        severity: 'warning',
        message: 'the file is empty and adds no slide: write some markdown in it or delete it',
      });
      continue;
    }
    const head = readHead(source.path, source.text, report);
    const fm = head.frontMatter
      ? parseFrontMatter(source.path, head.frontMatter.text, head.frontMatter.line, fileIndex === 0, report)
      : {};
    if (fileIndex === 0) {
      first = head;
      meta = fm;
      // The first file's front matter sets how every file is read; another's, how that file is.
      deckMarkdown = fm.markdown ? { ...options.markdown, ...fm.markdown } : options.markdown;
      parsing = markdownOptions(deckMarkdown);
    }
    const fileParsing =
      fileIndex > 0 && fm.markdown ? markdownOptions({ ...deckMarkdown, ...fm.markdown }) : parsing;
    try {
      const chunks = splitSlides(head, fileParsing, report, budget);
      lintSeparators(head, chunks, fileParsing, report);
      for (const [k, chunk] of chunks.entries()) {
        if (overDeadline(source.path, chunk.startLine)) break;
        const slide = renderSlide(md, chunk, {
          compile,
          fileClass: fm.class,
          options: fileParsing,
          section: fm.section ?? fm.title,
        });
        const stack = stacks[stacks.length - 1];
        if (chunk.kind === 'v' && k > 0 && stack) stack.push(slide);
        else stacks.push([slide]);
      }
    } catch (e) {
      if (!(e instanceof RegexTimeout)) throw e;
      // A pattern of the deck's that backtracks without end: said where it is set, and the compile stops.
      for (const option of e.options)
        report({
          ...optionPlace(option, source.path),
          message: `markdown ${OPTION_KEY[option]}: the regular expression ${JSON.stringify(fileParsing[option])} took over ${duration(e.ms)} on ${source.path} and was stopped (it backtracks without end, as a repetition of a repetition such as (a|a)+ or (a+)+ does): write it without one`,
        });
      stopped = true;
    }
  }

  if (stacks.length === 0 && !stopped) {
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
