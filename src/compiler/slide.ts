import type { MarkdownIt } from 'markdown-it';
import { deckText } from '../i18n/deck-text.ts';
import type { Block } from './blocks/define.ts';
import type { Report } from './diagnostics.ts';
import type { CompileHost } from './host.ts';
import { escapeHtml, htmlText, renderAttrs } from './html.ts';
import { resolveSlideRefs } from './local-refs.ts';
import type { SlideEnv } from './markdown/env.ts';
import type { MarkdownOptions } from './markdown/options.ts';
import { noBreakHtml } from './nowrap.ts';
import { REFRESH_REFUSED, refreshTags } from './refresh.ts';
import type { Budget } from './regex.ts';
import type { SlideChunk } from './split.ts';
import { placeOf } from './text.ts';

export interface Slide {
  file: string;
  startLine: number;
  endLine: number;
  /** Position in the deck, filled in once all files are read. */
  h: number;
  v: number;
  /** Text of the slide's first heading, if any. */
  title: string;
  section?: string;
  html: string;
  notes: string;
  attrs: Record<string, string>;
  blocks: { name: string; line: number }[];
}

export interface SlideContext {
  host: CompileHost;
  report: Report;
  blocks: Map<string, Block>;
  fileClass?: string | undefined;
  options: MarkdownOptions;
  section?: string | undefined;
  depend(path: string): void;
  nextBlockId(): string;
  facts: SlideEnv['facts'];
  factsFile: string;
  lang: string;
  sources: SlideEnv['sources'];
  cite: SlideEnv['cite'];
  defer: SlideEnv['defer'];
  untrusted?: boolean;
  budget: Budget;
}

function env(
  chunk: SlideChunk,
  startLine: number,
  text: string,
  ctx: SlideContext,
  cited?: Map<string, string>,
): SlideEnv {
  return {
    file: chunk.file,
    startLine,
    lines: text.split('\n'),
    host: ctx.host,
    report: ctx.report,
    blocks: ctx.blocks,
    slideAttrs: {},
    elementAttributes: ctx.options.elementAttributes,
    slideAttributes: ctx.options.attributes,
    budget: ctx.budget,
    usedBlocks: [],
    depend: ctx.depend,
    nextBlockId: ctx.nextBlockId,
    facts: ctx.facts,
    factsFile: ctx.factsFile,
    lang: ctx.lang,
    sources: ctx.sources,
    cite: (id, short) => {
      ctx.cite(id, short);
      cited?.set(id, short);
    },
    citeDeck: ctx.cite,
    defer: ctx.defer,
    untrusted: ctx.untrusted,
  };
}

/** Renders one slide's markdown and notes into a `<section>` that records where it came from. */
export function renderSlide(md: MarkdownIt, chunk: SlideChunk, ctx: SlideContext): Slide {
  // Sources of the facts cited in the slide's prose, for its footnote (blocks show their own).
  const cited = new Map<string, string>();
  const bodyEnv = env(chunk, chunk.startLine, chunk.body, ctx, cited);
  const tokens = md.parse(chunk.body, bodyEnv);
  const headingAt = tokens.findIndex((t) => t.type === 'heading_open');
  // The title as the heading reads: resolved fact references, without markup (no-wrap spans, an author's tags).
  const heading = headingAt >= 0 ? tokens[headingAt + 1]?.children : undefined;
  const title = heading ? htmlText(md.renderer.renderInline(heading, md.options, bodyEnv)) : '';
  const rendered = md.renderer.render(tokens, md.options, bodyEnv);
  // A footnote the author wrote (class="slide-sources") replaces the generated one.
  const body =
    rendered +
    (cited.size > 0 && !rendered.includes('class="slide-sources"')
      ? `<p class="slide-sources">${sourceLine(ctx.lang, [...cited.values()])}</p>\n`
      : '');

  let notes = '';
  if (chunk.notes) {
    const notesEnv = env(chunk, chunk.notes.line, chunk.notes.text, ctx);
    notes = md.render(chunk.notes.text, notesEnv);
    Object.assign(bodyEnv.slideAttrs, notesEnv.slideAttrs);
  }

  const attrs = { ...bodyEnv.slideAttrs };
  if (ctx.fileClass) attrs.class = attrs.class ? `${ctx.fileClass} ${attrs.class}` : ctx.fileClass;
  const source = `${chunk.file}:${chunk.startLine}-${chunk.endLine}`;
  const resolved = resolveSlideRefs(
    `<section${renderAttrs({ ...attrs, 'data-source': source })}>\n${body}` +
      (notes ? `<aside class="notes">\n${notes}</aside>\n` : '') +
      '</section>',
    chunk.file,
    ctx.host,
  );
  const html = resolved.html;
  for (const tag of refreshTags(html))
    ctx.report({ file: chunk.file, ...placeIn(chunk, tag), message: REFRESH_REFUSED });
  for (const r of resolved.problems)
    ctx.report({ file: chunk.file, ...placeIn(chunk, r.ref), severity: r.severity, message: r.message });
  return {
    file: chunk.file,
    startLine: chunk.startLine,
    endLine: chunk.endLine,
    h: 0,
    v: 0,
    title,
    section: ctx.section,
    html,
    notes,
    attrs,
    blocks: bodyEnv.usedBlocks,
  };
}

/** Where `needle` is written in a slide's markdown or notes; the slide's first line when it is not found. */
function placeIn(chunk: SlideChunk, needle: string): { line: number; column: number } {
  for (const [text, first] of [
    [chunk.body, chunk.startLine],
    [chunk.notes?.text ?? '', chunk.notes?.line ?? 0],
  ] as const) {
    const at = indexOfWhole(text, needle);
    if (at >= 0) {
      const p = placeOf(text, at);
      return { line: first + p.line - 1, column: p.column };
    }
  }
  return { line: chunk.startLine, column: 1 };
}

/** The first `needle` in `text` not preceded by a path character (`/a` is not the end of `../a`). */
function indexOfWhole(text: string, needle: string): number {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (at === 0 || !/[\w./%-]/.test(text[at - 1]!)) return at;
  }
  return -1;
}

/** The slide's footnote: its sources, each kept on one line. */
function sourceLine(lang: string, sources: string[]): string {
  const words = deckText(lang);
  return escapeHtml(words.source) + sources.map(noBreakHtml).join(escapeHtml(words.sourceJoin));
}
