/**
 * reveal.js's markdown options that change how a deck is parsed, with the `data-*` attribute each stands
 * for. Every value is a regular expression source, as in those attributes.
 */
export interface MarkdownOptions {
  /** `data-separator`: between horizontal slides. */
  separator: string;
  /** `data-separator-vertical`: between vertical slides; empty: none. */
  separatorVertical: string;
  /** `data-separator-notes`: where a slide's speaker notes start (case-insensitive). */
  separatorNotes: string;
  /** `data-element-attributes`: in an HTML comment, the attributes for the element before it (group 1). */
  elementAttributes: string;
  /** `data-attributes`: in an HTML comment, the attributes for the slide's section (group 1). */
  attributes: string;
}

/** This engine's defaults: `---` and `--` on a line of their own between blank lines (README, Writing slides). */
export const DECK_DEFAULTS: MarkdownOptions = {
  separator: '^\\n---\\n$',
  separatorVertical: '^\\n--\\n$',
  separatorNotes: '^\\s*notes?:',
  elementAttributes: '\\.element\\s*?(.+?)$',
  attributes: '\\.slide:\\s*?(\\S.+?)$',
};

/**
 * reveal.js 6.0.2's own defaults, as its plugin applies them: no vertical separator, and `^s*notes?:` as
 * it reaches the RegExp (the source's `'^\s*notes?:'` string loses its backslash).
 */
export const REVEAL_DEFAULTS: MarkdownOptions = {
  separator: '\\r?\\n---\\r?\\n',
  separatorVertical: '',
  separatorNotes: '^s*notes?:',
  elementAttributes: '\\.element\\s*?(.+?)$',
  attributes: '\\.slide:\\s*?(\\S.+?)$',
};

/** Front matter keys (the attribute names without `data-`) → option names. */
export const OPTION_KEYS = {
  separator: 'separator',
  'separator-vertical': 'separatorVertical',
  'separator-notes': 'separatorNotes',
  'element-attributes': 'elementAttributes',
  attributes: 'attributes',
} as const satisfies Record<string, keyof MarkdownOptions>;
