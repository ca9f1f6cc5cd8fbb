import type { MarkdownIt } from 'markdown-it';
import { deckText } from '../i18n/deck-text.ts';
import type { CompileContext } from './context.ts';
import { escapeHtml, htmlText, renderAttrs } from './html.ts';
import { resolveSlideRefs } from './local-refs.ts';
import type { SlideEnv } from './markdown/env.ts';
import type { MarkdownOptions } from './markdown/options.ts';
import { splitNotes } from './notes.ts';
import { interpretedIn, provenancePanel, sourceLine } from './provenance.ts';
import { REFRESH_REFUSED, refreshTags } from './refresh.ts';
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
  /** The spoken part of the notes, rendered. */
  notes: string;
  /** The notes' provenance part (after `Provenance:`), rendered; never spoken. */
  provenance: string;
  attrs: Record<string, string>;
  blocks: { name: string; line: number }[];
}

/** What a slide is rendered with: the compile's context, by reference, and its file's settings. */
export interface SlideContext {
  compile: CompileContext;
  fileClass?: string | undefined;
  options: MarkdownOptions;
  section?: string | undefined;
}

/** What a slide cites, gathered as it renders: sources (prose and blocks) and facts, in order. */
interface Cited {
  sources: Map<string, string>;
  facts: Set<string>;
}

function env(chunk: SlideChunk, startLine: number, text: string, ctx: SlideContext, cited?: Cited): SlideEnv {
  const { compile } = ctx;
  return {
    compile,
    file: chunk.file,
    startLine,
    lines: text.split('\n'),
    slideAttrs: {},
    elementAttributes: ctx.options.elementAttributes,
    slideAttributes: ctx.options.attributes,
    usedBlocks: [],
    facts: () => compile.facts(chunk.file),
    cite: (id, short, factId) => {
      compile.cite(id, short);
      cited?.sources.set(id, short);
      if (factId) cited?.facts.add(factId);
    },
  };
}

/** Renders one slide's markdown and notes into a `<section>` that records where it came from. */
export function renderSlide(md: MarkdownIt, chunk: SlideChunk, ctx: SlideContext): Slide {
  // What the slide cites, prose and blocks: its one source line and its provenance panel.
  const cited: Cited = { sources: new Map(), facts: new Set() };
  const bodyEnv = env(chunk, chunk.startLine, chunk.body, ctx, cited);
  const tokens = md.parse(chunk.body, bodyEnv);
  const headingAt = tokens.findIndex((t) => t.type === 'heading_open');
  // The title as the heading reads: resolved fact references, without markup (no-wrap spans, an author's tags).
  const heading = headingAt >= 0 ? tokens[headingAt + 1]?.children : undefined;
  const title = heading ? htmlText(md.renderer.renderInline(heading, md.options, bodyEnv)) : '';
  const rendered = md.renderer.render(tokens, md.options, bodyEnv);
  // One short source line a slide; a footnote the author wrote (class="slide-sources") replaces it.
  const words = deckText(ctx.compile.lang);
  const body =
    rendered +
    (cited.sources.size > 0 && !rendered.includes('class="slide-sources"')
      ? `<p class="slide-sources">${sourceLine(words, [...new Set(cited.sources.values())], ctx.compile.noBreak)}</p>\n`
      : '');

  let notes = '';
  let provenance = '';
  if (chunk.notes) {
    const parts = splitNotes(chunk.notes.text, chunk.notes.line);
    for (const [part, set] of [
      [parts.spoken, (h: string) => (notes = h)],
      [parts.provenance, (h: string) => (provenance = h)],
    ] as const) {
      if (!part?.text) continue;
      const notesEnv = env(chunk, part.line, part.text, ctx);
      set(md.render(part.text, notesEnv));
      Object.assign(bodyEnv.slideAttrs, notesEnv.slideAttrs);
    }
  }

  const attrs = { ...bodyEnv.slideAttrs };
  if (ctx.fileClass) attrs.class = attrs.class ? `${ctx.fileClass} ${attrs.class}` : ctx.fileClass;
  const source = `${chunk.file}:${chunk.startLine}-${chunk.endLine}`;
  const panel = provenancePanel(
    { sources: cited.sources, facts: cited.facts, note: provenance, interpreted: interpretedIn(rendered) },
    ctx.compile.facts(chunk.file),
    words,
    ctx.compile.noBreak,
  );
  const resolved = resolveSlideRefs(
    `<section${renderAttrs({ ...attrs, 'data-source': source })}>\n${body}` +
      (notes ? `<aside class="notes">\n${notes}</aside>\n` : '') +
      (provenance
        ? `<aside class="provenance-note" data-label="${escapeHtml(words.provenance)}">\n${provenance}</aside>\n`
        : '') +
      panel +
      '</section>',
    chunk.file,
    ctx.compile.host,
  );
  const html = resolved.html;
  for (const tag of refreshTags(html))
    ctx.compile.report({ file: chunk.file, ...placeIn(chunk, tag), message: REFRESH_REFUSED });
  for (const r of resolved.problems)
    ctx.compile.report({
      file: chunk.file,
      ...placeIn(chunk, r.ref),
      severity: r.severity,
      message: r.message,
    });
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
    provenance,
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
