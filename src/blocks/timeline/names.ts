/**
 * Names the block's HTML carries and its runtime looks up (and the PPTX export reads): one definition each,
 * so a rename on one side cannot silently break the other. Imports nothing: build and browser both use it.
 */

/** Timelines: events, and `data-step` on a timeline that steps through them. */
export const TIMELINE = {
  block: 'timeline',
  event: 'tl-event',
  stepAttr: 'data-step',
} as const;
