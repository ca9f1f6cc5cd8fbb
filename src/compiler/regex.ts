import vm from 'node:vm';
import { DECK_DEFAULTS, type MarkdownOptions, REVEAL_DEFAULTS } from './markdown/options.ts';

/** The longest one search with a deck's own regular expression may take. */
export const REGEX_LIMIT_MS = 1000;

/** What bounds a compile: its deadline (`Date.now()` ms), shared by every search of the deck's own patterns. */
export interface Budget {
  deadline: number;
}

/** A deck's pattern ran past its limit: `options` names the markdown options it was made from. */
export class RegexTimeout extends Error {
  constructor(
    readonly options: (keyof MarkdownOptions)[],
    readonly ms: number,
  ) {
    super(`${options.join(', ')} ran over ${ms} ms`);
    this.name = 'RegexTimeout';
  }
}

/** A compiled pattern's searches: every match of a global one, or the first match of any. */
export interface Pattern {
  all(text: string): RegExpExecArray[];
  first(text: string): RegExpExecArray | null;
}

// JavaScript's backtracking engine can take exponential time on patterns such as `^(a|a)+$`. A search runs
// in a context of its own with vm's timeout, which interrupts the regular expression itself; the engine's
// own patterns, known to be fast, run directly (each bounded call costs a watchdog thread, ~0.1–0.3 ms).
const context = vm.createContext({ args: undefined });
vm.runInContext(
  `globalThis.all = (re, text) => Array.from(text.matchAll(re));
   globalThis.first = (re, text) => { re.lastIndex = 0; return re.exec(text); };`,
  context,
);
const calls = {
  all: new vm.Script('all(args[0], args[1])'),
  first: new vm.Script('first(args[0], args[1])'),
};

const ENGINE_PATTERNS = new Set<string>([...Object.values(DECK_DEFAULTS), ...Object.values(REVEAL_DEFAULTS)]);

/**
 * `source` as a pattern whose searches stop after REGEX_LIMIT_MS (or at the budget's deadline, when sooner)
 * with a RegexTimeout naming `options`, unless every part is one of the engine's own defaults.
 */
export function pattern(
  parts: { option: keyof MarkdownOptions; source: string }[],
  flags: string,
  budget: Budget | undefined,
): Pattern {
  const re = new RegExp(parts.map((p) => p.source).join('|'), flags);
  const own = parts.filter((p) => !ENGINE_PATTERNS.has(p.source)).map((p) => p.option);
  if (own.length === 0)
    return {
      all: (text) => Array.from(text.matchAll(re)),
      first: (text) => {
        re.lastIndex = 0;
        return re.exec(text);
      },
    };
  const run = <T>(call: vm.Script, text: string): T => {
    const ms = Math.max(
      1,
      Math.min(REGEX_LIMIT_MS, (budget?.deadline ?? Number.POSITIVE_INFINITY) - Date.now()),
    );
    context.args = [re, text];
    try {
      return call.runInContext(context, { timeout: ms }) as T;
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new RegexTimeout(own, ms);
      throw e;
    } finally {
      context.args = undefined;
    }
  };
  return { all: (text) => run(calls.all, text), first: (text) => run(calls.first, text) };
}
