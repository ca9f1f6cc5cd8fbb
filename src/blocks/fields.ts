import * as v from 'valibot';

/** Schema pieces shared by the blocks' specs. */

/** Text: a string, or a number written bare in YAML (`label: 66`). */
export const text = v.pipe(
  v.union([v.string(), v.number()], 'must be text'),
  v.transform((x) => String(x).trim()),
  v.minLength(1, 'must not be empty'),
);

/** A size in design px, within [min, max]. */
export const pixels = (min: number, max: number) =>
  v.pipe(
    v.number(),
    v.integer('must be a whole number of px'),
    v.minValue(min, `must be at least ${min} (px)`),
    v.maxValue(max, `must be at most ${max} (px): the slide's content box is 1680×896`),
  );

/** Ids name nodes in links and end up in `data-node`: keep them short and plain. */
export const nodeId = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform(String),
  v.regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, 'must be letters, digits, "_" or "-" (e.g. auto-parts)'),
);
