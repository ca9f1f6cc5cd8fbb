import hljs from 'highlight.js';
import { escapeHtml } from '../../html.ts';

/** Canonical language names by alias (`js` → `javascript`), as highlight.js names its class. */
const CANONICAL = new Map<string, string>();
for (const name of hljs.listLanguages()) {
  CANONICAL.set(name, name);
  for (const alias of hljs.getLanguage(name)?.aliases ?? []) CANONICAL.set(alias.toLowerCase(), name);
}

const NO_HIGHLIGHT = /^(no-?highlight)$/i;
/** Longer code without a language is not auto-detected (every grammar runs over it): it stays plain. */
export const AUTO_DETECT_LIMIT = 5000;
const LANGUAGE_CLASS = /\blang(?:uage)?-([\w-]+)\b/i;

/** Whether a fence name names something highlight.js knows (a language, an alias, or "no highlight"). */
export function isHighlightName(name: string): boolean {
  return NO_HIGHLIGHT.test(name) || LANGUAGE_CLASS.test(name) || CANONICAL.has(name.toLowerCase());
}

export interface Highlighted {
  /** The code's HTML: highlight.js's spans, every text escaped. */
  html: string;
  /** Classes highlight.js adds to the `<code>` (none when the class asks for no highlighting). */
  classes: string[];
}

/**
 * Highlights code the way reveal.js's highlight plugin has highlight.js do it in the browser (same
 * version, same choice of language from the `<code>`'s classes, auto-detection when none names one), so
 * the classes and spans are the ones reveal.js's themes style. Runs at build time: nothing ships.
 */
export function highlight(code: string, classes: string): Highlighted {
  const chosen = chooseLanguage(classes);
  if (chosen !== undefined && NO_HIGHLIGHT.test(chosen)) return { html: escapeHtml(code), classes: [] };
  if (!chosen && code.length > AUTO_DETECT_LIMIT) return { html: escapeHtml(code), classes: [] };
  const result = chosen
    ? hljs.highlight(code, { language: chosen, ignoreIllegals: true })
    : hljs.highlightAuto(code);
  const language = (chosen && CANONICAL.get(chosen.toLowerCase())) || result.language;
  return { html: result.value, classes: ['hljs', `language-${language}`] };
}

/** highlight.js's blockLanguage(): a `language-x` class, else the first class that is a language. */
function chooseLanguage(classes: string): string | undefined {
  const named = LANGUAGE_CLASS.exec(classes);
  if (named?.[1]) return hljs.getLanguage(named[1]) ? named[1] : 'no-highlight';
  return classes.split(/\s+/).find((c) => c !== '' && (NO_HIGHLIGHT.test(c) || hljs.getLanguage(c)));
}
