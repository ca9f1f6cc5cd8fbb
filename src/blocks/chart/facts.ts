import { noFactsFile } from '../../compiler/facts/load.ts';
import { resolveRef } from '../../compiler/facts/refs.ts';
import { isRecord } from '../../compiler/record.ts';
import type { BlockContext } from '../types.ts';
import type { Locator, Problem } from './validate.ts';

/**
 * A series may cite facts instead of typing numbers: `facts: [id, …]`, one per label. Their values become
 * `data`, derived ones are marked, and the chart's source, when not written, lists the facts' sources.
 */
export function resolveChartFacts(
  spec: Record<string, unknown>,
  ctx: BlockContext,
  locate: Locator,
): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(spec.datasets)) return problems;
  const sources = new Map<string, string>();
  let cites = false;
  spec.datasets = spec.datasets.map((d: unknown, i) => {
    if (!isRecord(d) || d.facts === undefined) return d;
    cites = true;
    const facts = ctx.facts();
    const ids = d.facts;
    if (!facts || !Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) {
      problems.push({
        place: locate(['datasets', i, 'facts']),
        message: facts
          ? 'chart "facts" must be a list of fact ids, one per label'
          : `chart "facts": ${noFactsFile(ctx)}`,
      });
      return d;
    }
    const data: number[] = [];
    const derived: string[] = [];
    ids.forEach((id, k) => {
      const r = resolveRef({ kind: 'fact', id, part: 'all' }, facts);
      if (!r.ok || !r.fact) {
        problems.push({
          place: locate(['datasets', i, 'facts', k]),
          message: `chart: ${r.ok ? '' : r.message}`,
        });
        return;
      }
      ctx.cite(r.sourceId, r.source, id);
      sources.set(r.sourceId, r.source);
      data.push(r.fact.value);
      const label = Array.isArray(spec.labels) ? spec.labels[k] : undefined;
      if (r.fact.derived && label !== undefined) derived.push(String(label));
    });
    const { facts: _, ...rest } = d;
    return { ...rest, data, ...(derived.length > 0 && rest.derived === undefined ? { derived } : {}) };
  });
  if (cites && spec.source === undefined && sources.size > 0) spec.source = [...sources.values()].join('；');
  return problems;
}
