/** Whether a parsed value (YAML, JSON, a config's export) is a map of keys: an object, not null, not a list. */
export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
