import type { MarkdownIt, Token } from 'markdown-it';
import type { Block, BlockContext } from '../../blocks/define.ts';
import { deckText } from '../../i18n/deck-text.ts';
import { handTyped, handTypedMessage, maskRefs, REF_PATTERN, resolveRef } from '../facts/refs.ts';
import { escapeHtml } from '../html.ts';
import { closest } from '../suggest.ts';
import { isHighlightName, parseCodeInfo, renderCodeListing, tokenAttrs } from './code/index.ts';
import { type SlideEnv, tokenLine } from './env.ts';

/** Info strings taken as a code listing's language rather than a block name. */
const CODE_LANGUAGES = new Set(
  `text plain plaintext txt js javascript mjs cjs ts typescript jsx tsx json jsonc json5 yaml yml toml ini
  html xml svg css scss sass less md markdown sh bash zsh fish shell console powershell ps1 bat cmd python py
  rb ruby go rust rs java kotlin kt swift c h cpp c++ cc hpp cs csharp php sql r lua perl pl dart scala
  haskell hs elixir ex erlang clojure lisp scheme ocaml fsharp vb matlab julia diff patch dockerfile docker
  makefile make nginx graphql gql protobuf proto latex tex csv tsv log http vue svelte objc asm wasm zig nim
  groovy gradle cmake vim regex env properties`.split(/\s+/),
);

export function errorBox(message: string): string {
  return `<div class="deck-error" role="alert">${escapeHtml(message)}</div>`;
}

/** The token a block's fence becomes once rendered: its HTML in `meta.html`. */
export const BLOCK_TOKEN = 'deck_block';

/**
 * A fence whose name is a registered block becomes a `deck_block` token holding the block's HTML, in a core
 * rule: the block reads its files (facts, CSV, data) while the slide is parsed, so `parse` returns the whole
 * token stream and rendering does no I/O. A language name is a code listing; any other name is a diagnostic
 * (a typo would otherwise show YAML on a slide).
 */
export function fenceBlocks(md: MarkdownIt): void {
  md.core.ruler.push('deck_blocks', (state) => {
    const env = state.env as SlideEnv;
    for (const token of state.tokens) {
      if (token.type !== 'fence') continue;
      const [first = '', ...rest] = token.info.trim().split(/\s+/);
      const block = env.compile.blocks.get(first);
      if (block) {
        token.type = BLOCK_TOKEN;
        token.meta = { html: renderBlock(env, token, first, block, rest.join(' ')) };
      } else {
        const error = checkFenceName(env, token);
        if (error) token.meta = { ...token.meta, error };
      }
    }
  });
  md.renderer.rules[BLOCK_TOKEN] = (tokens, idx) => (tokens[idx]!.meta as { html: string }).html;
  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx]!;
    const error = (token.meta as { error?: string } | null)?.error ?? '';
    return error + renderCodeListing(token.content, token.info, tokenAttrs(token));
  };
}

/** Renders a block's fence, its problems reported (and an error box in its place when it drew nothing). */
function renderBlock(env: SlideEnv, token: Token, name: string, block: Block, info: string): string {
  const line = tokenLine(env, token.map);
  env.usedBlocks.push({ name, line });
  const before = env.compile.report;
  let failed = false;
  const report: BlockContext['report'] = (d) => {
    if ((d.severity ?? 'error') === 'error') failed = true;
    before(d);
  };
  // The compile's context as it is, with the block's own place, id and a report that notes its errors.
  const ctx: BlockContext = {
    ...env.compile,
    file: env.file,
    line,
    info,
    id: env.compile.nextBlockId(),
    report,
    facts: env.facts,
    cite: env.cite,
  };
  const html = block.render(blockRefs(env, token.content, line + 1), ctx);
  return failed && !html ? errorBox(`${name}: see the problems reported for ${env.file}:${line}`) : html;
}

/** A fence that is not a block: a code listing when its name is a language, else the problem, reported. */
function checkFenceName(env: SlideEnv, token: Token): string | undefined {
  // A code listing's name is what is left once reveal.js's line spec (`[1-2|3]`) is taken out.
  const [name = ''] = parseCodeInfo(token.info).lang.split(/\s+/);
  if (name === '' || CODE_LANGUAGES.has(name.toLowerCase()) || isHighlightName(name)) return undefined;
  const line = tokenLine(env, token.map);
  const known = [...env.compile.blocks.keys()];
  // A block's name first; else a language's (`jave` is java, a listing that lost its highlighting).
  const near = closest(name, known) ?? closest(name.toLowerCase(), [...CODE_LANGUAGES]);
  const message =
    `unknown fence name "${name}": ` +
    (near ? `did you mean "${near}"? ` : '') +
    `blocks are ${known.map((k) => `"${k}"`).join(', ') || '(none registered)'}; for a code listing use a language name such as "text"`;
  const column = (env.lines[line - env.startLine] ?? '').indexOf(name) + 1 || 1;
  env.compile.report({ file: env.file, line, column, message });
  return errorBox(`${env.file}:${line}:${column}: ${message}`);
}

/**
 * `[[fact-id]]` in a block's spec is replaced by the fact's text before the block reads it (line numbers
 * stay); a number typed by hand where a fact holds it is reported at its line and column.
 */
function blockRefs(env: SlideEnv, body: string, firstLine: number): string {
  const facts = env.facts();
  const lines = body.split('\n');
  return lines
    .map((text, i) => {
      const place = (index: number) => ({ file: env.file, line: firstLine + i, column: index + 1 });
      if (!facts) return text;
      for (const h of handTyped(maskRefs(text), facts))
        env.compile.report({ ...place(h.index), message: handTypedMessage(h) });
      return text.replace(
        REF_PATTERN,
        (written, src: string | undefined, id: string, part: string | undefined, index: number) => {
          const r = resolveRef(
            { kind: src ? 'source' : 'fact', id, part: part === 'value' ? 'value' : 'all' },
            facts,
          );
          if (!r.ok) {
            env.compile.report({ ...place(index), message: `${written}: ${r.message}` });
            return written;
          }
          env.cite(r.sourceId, r.source, src ? undefined : id);
          return r.fact?.derived ? r.text + deckText(env.compile.lang).derivedAfter : r.text;
        },
      );
    })
    .join('\n');
}
