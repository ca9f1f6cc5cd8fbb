import * as v from 'valibot';

/** A comparison under the number: written out (`较上年 +5.2%`), or a fact's value after a label. */
const Compare = v.union([
  v.string(),
  v.strictObject({
    /** Before the fact's value: `较上年`. */
    label: v.optional(v.string()),
    fact: v.string(),
  }),
]);

/**
 * ```metric: one hero number. `fact:` takes its value, unit, label and source from the deck's facts file;
 * without one, `value:` and `unit:` are written here and `source:` says where they come from.
 */
export const MetricSpec = v.strictObject({
  fact: v.optional(v.string()),
  value: v.optional(v.number()),
  unit: v.optional(v.string()),
  label: v.optional(v.string()),
  /** Digits after the point (default: as many as the value is written with). */
  decimals: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
  compare: v.optional(Compare),
  /** Where a value written here comes from (a fact names its own source). */
  source: v.optional(v.string()),
  /** Another facts file than the deck's. */
  data: v.optional(v.string()),
});

export type MetricSpec = v.InferOutput<typeof MetricSpec>;
