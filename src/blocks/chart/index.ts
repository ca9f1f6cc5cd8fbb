import { isRecord } from '../../compiler/record.ts';
import { deckText } from '../../i18n/deck-text.ts';
import { defineBlock, type Expansion, type Spec } from '../define.ts';
import type { BlockContext } from '../types.ts';
import { buildModel } from './build-model.ts';
import { type DataOrigin, loadDataRef } from './data-ref.ts';
import { resolveChartFacts } from './facts.ts';
import { renderChart } from './html.ts';
import { ChartSpec } from './schema.ts';
import { checkMeaning, locator, type Problem } from './validate.ts';

const DEFAULT_HEIGHT = 560;

/**
 * Completes the spec before validation: `data: ./data/FILE.yaml#path` supplies keys the fence does not write
 * (their problems are reported in the data file), and series citing `facts:` get their values.
 */
function expand(
  value: unknown,
  doc: Parameters<typeof locator>[0],
  ctx: BlockContext,
): Expansion | undefined {
  if (!isRecord(value)) return { value };
  const report = (problems: Problem[]) => {
    for (const p of problems) ctx.report({ ...p.place, message: p.message });
    return undefined;
  };
  let spec: Record<string, unknown> = value;
  const fromData = new Set<string>();
  let origin: DataOrigin | undefined;
  if (typeof spec.data === 'string') {
    const loaded = loadDataRef(spec.data, ctx.file, doc.place(['data']), ctx.host, ctx.depend);
    if (!loaded.ok) return report(loaded.problems);
    origin = loaded.origin;
    for (const key of Object.keys(loaded.value)) if (!(key in spec)) fromData.add(key);
    spec = { ...loaded.value, ...spec };
  }
  const locate = locator(doc, fromData, origin);
  const factProblems = resolveChartFacts(spec, ctx, locate);
  if (factProblems.length > 0) return report(factProblems);
  return { value: spec, locate };
}

function render(spec: Spec<ChartSpec>, ctx: BlockContext): string {
  if (!checkMeaning(spec.value, spec.problem, ctx.sources === 'required')) return '';
  const valid = spec.value;
  return renderChart({
    id: ctx.id,
    model: buildModel(valid),
    height: valid.height ?? DEFAULT_HEIGHT,
    ...(valid.source ? { source: valid.source } : {}),
    ...(valid.note ? { note: valid.note } : {}),
    words: deckText(ctx.lang),
    noBreak: ctx.noBreak,
  });
}

/**
 * ```chart: a YAML spec (optionally completed by `data: ./data/FILE.yaml#path`) rendered as a figure that its
 * runtime part draws with Chart.js, loaded when a chart slide is near; on a phone it is drawn again at the
 * screen's width.
 */
export const chartBlock = defineBlock({
  name: 'chart',
  schema: ChartSpec,
  expand,
  render,
  runtime: './runtime.ts',
  css: './style.css',
  narrow: 'redraw',
});
