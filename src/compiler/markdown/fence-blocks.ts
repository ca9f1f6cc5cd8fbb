import type { MarkdownIt } from 'markdown-it';
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

/**
 * A fence whose name is a registered block goes to that block's renderer; a language name is a code
 * listing; any other name is a diagnostic (a typo would otherwise show YAML on a slide).
 */
export function fenceBlocks(md: MarkdownIt): void {
  md.renderer.rules.fence = (tokens, idx, _options, envArg) => {
    const env = envArg as unknown as SlideEnv;
    const token = tokens[idx]!;
    const [first = '', ...rest] = token.info.trim().split(/\s+/);
    const line = tokenLine(env, token.map);
    const block = env.blocks.get(first);
    if (block) {
      const name = first;
      env.usedBlocks.push({ name, line });
      const before = env.report;
      let failed = false;
      const report: SlideEnv['report'] = (d) => {
        if ((d.severity ?? 'error') === 'error') failed = true;
        before(d);
      };
      const html = block.render(blockRefs(env, token.content, line + 1), {
        file: env.file,
        line,
        info: rest.join(' '),
        host: env.host,
        report,
        depend: env.depend,
        id: env.nextBlockId(),
        facts: env.facts,
        factsFile: env.factsFile,
        lang: env.lang,
        noBreak: env.noBreak,
        sources: env.sources,
        cite: env.citeDeck,
        defer: env.defer,
      });
      return failed && !html ? errorBox(`${name}: see the problems reported for ${env.file}:${line}`) : html;
    }
    const render = () => renderCodeListing(token.content, token.info, tokenAttrs(token));
    // A code listing's name is what is left once reveal.js's line spec (`[1-2|3]`) is taken out.
    const [name = ''] = parseCodeInfo(token.info).lang.split(/\s+/);
    if (name === '' || CODE_LANGUAGES.has(name.toLowerCase()) || isHighlightName(name)) return render();
    const known = [...env.blocks.keys()];
    // A block's name first; else a language's (`jave` is java, a listing that lost its highlighting).
    const near = closest(name, known) ?? closest(name.toLowerCase(), [...CODE_LANGUAGES]);
    const message =
      `unknown fence name "${name}": ` +
      (near ? `did you mean "${near}"? ` : '') +
      `blocks are ${known.map((k) => `"${k}"`).join(', ') || '(none registered)'}; for a code listing use a language name such as "text"`;
    const column = (env.lines[line - env.startLine] ?? '').indexOf(name) + 1 || 1;
    env.report({ file: env.file, line, column, message });
    return errorBox(`${env.file}:${line}:${column}: ${message}`) + render();
  };
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
        env.report({ ...place(h.index), message: handTypedMessage(h) });
      return text.replace(
        REF_PATTERN,
        (written, src: string | undefined, id: string, part: string | undefined, index: number) => {
          const r = resolveRef(
            { kind: src ? 'source' : 'fact', id, part: part === 'value' ? 'value' : 'all' },
            facts,
          );
          if (!r.ok) {
            env.report({ ...place(index), message: `${written}: ${r.message}` });
            return written;
          }
          env.citeDeck(r.sourceId, r.source, src ? undefined : id);
          return r.fact?.derived ? r.text + deckText(env.lang).derivedAfter : r.text;
        },
      );
    })
    .join('\n');
}
