import * as v from 'valibot';
import { nodeId, pixels, text } from '../fields.ts';
import { parseDate } from './dates.ts';

/** A date written 2020-07-09, 2023-12 or 2023 (YAML reads a bare 2023 as a number). */
const date = v.pipe(
  v.union([v.string(), v.number()], 'must be a date such as 2020-07-09, 2023-12 or 2023'),
  v.transform((x) => String(x)),
  v.check(
    (x) => parseDate(x) !== undefined,
    (issue) => `must be a date written 2020-07-09, 2023-12 or 2023; got "${String(issue.input)}"`,
  ),
);

const EventSchema = v.strictObject({
  date,
  title: text,
  detail: v.optional(text),
  source: v.optional(text),
  /** Names the event in `data-node`; defaults to its position (e1, e2, …). */
  id: v.optional(nodeId),
});

const SpanSchema = v.strictObject({
  from: date,
  /** The last period the span covers; defaults to `from`. */
  to: v.optional(date),
  title: text,
  source: v.optional(text),
});

export const TimelineSchema = v.strictObject({
  /** `events`: reveal one event per fragment, the current one highlighted. */
  step: v.optional(v.picklist(['none', 'events']), 'none'),
  /**
   * `vertical`: one row per event down the slide at every size, read as a list; for dates too unevenly spaced
   * to stand on an ordinal axis side by side (the axis spaces 2019→2020 like 2020→2023). @default horizontal
   */
  orientation: v.optional(v.picklist(['horizontal', 'vertical']), 'horizontal'),
  /** The figure's size in design px, caption included. @default 1680×700 */
  width: v.optional(pixels(400, 1680), 1680),
  height: v.optional(pixels(200, 896), 700),
  caption: v.optional(text),
  source: v.optional(text),
  events: v.pipe(
    v.array(EventSchema),
    v.minLength(1, 'is empty: list at least one event with date and title'),
  ),
  spans: v.optional(v.array(SpanSchema), []),
});

export type TimelineSpec = v.InferOutput<typeof TimelineSchema>;
