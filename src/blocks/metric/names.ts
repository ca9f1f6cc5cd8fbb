/**
 * Names the metric's HTML carries and its runtime looks up: one definition each. Imports nothing: build and
 * browser both use it.
 */
export const METRIC = {
  block: 'metric',
  value: 'metric-value',
  /** The digits the eye sees (the count-up writes here); screen readers read `text` instead. */
  number: 'metric-number',
  /** The whole figure as text (number and unit), for screen readers: never animated. */
  text: 'metric-text',
  unit: 'metric-unit',
  label: 'metric-label',
  compare: 'metric-compare',
  source: 'metric-source',
  /** On the root: the final value and its decimals, which the count-up counts to. */
  valueAttr: 'data-metric-value',
  decimalsAttr: 'data-metric-decimals',
} as const;
