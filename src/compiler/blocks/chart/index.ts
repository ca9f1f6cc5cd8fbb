import { deckText } from '../../../i18n/deck-text.ts';
import { parseYaml } from '../../yaml.ts';
import type { BlockContext, BlockRenderer } from '../types.ts';
import { buildModel } from './build-model.ts';
import { type DataOrigin, loadDataRef } from './data-ref.ts';
import { resolveChartFacts } from './facts.ts';
import { renderChart } from './html.ts';
import { checkMeaning, checkSchema, locator, type Problem } from './validate.ts';

const DEFAULT_HEIGHT = 560;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** The deck's own charts (under slides/) must say where their numbers come from. */
const needsSource = (file: string) => file.startsWith('slides/');

/**
 * ```chart: a YAML spec (optionally completed by `data: ./data/FILE.yaml#path`) rendered as a figure that
 * the `charts` runtime part draws with Chart.js. Every problem is reported where it was written.
 */
export const chartBlock: BlockRenderer = {
  name: 'chart',
  runtime: 'charts',
  render(body: string, ctx: BlockContext): string {
    const report = (problems: Problem[]) => {
      for (const p of problems) report1(p);
      return '';
    };
    const report1 = (p: Problem) => ctx.report({ ...p.place, message: p.message });

    const inline = parseYaml(ctx.file, body, ctx.line + 1);
    if (inline.errors.length > 0) {
      return report(
        inline.errors.map((e) => ({
          place: e.place,
          message: `chart spec is not valid YAML (${e.message}): write "key: value" lines, lists as "- item" or [a, b]`,
        })),
      );
    }
    if (!isRecord(inline.value)) {
      return report([
        {
          place: inline.place([]),
          message: 'chart spec must be YAML keys such as type, labels, datasets and source',
        },
      ]);
    }

    let spec: Record<string, unknown> = inline.value;
    const fromData = new Set<string>();
    let origin: DataOrigin | undefined;
    if (typeof spec.data === 'string') {
      const loaded = loadDataRef(spec.data, ctx.file, inline.place(['data']), ctx.host, ctx.depend);
      if (!loaded.ok) return report(loaded.problems);
      origin = loaded.origin;
      for (const key of Object.keys(loaded.value)) if (!(key in spec)) fromData.add(key);
      spec = { ...loaded.value, ...spec };
    }

    const locate = locator(inline, fromData, origin);
    const factProblems = resolveChartFacts(spec, ctx, locate);
    if (factProblems.length > 0) return report(factProblems);
    const checked = checkSchema(spec, locate);
    if (!checked.spec) return report(checked.problems);
    const problems = checkMeaning(checked.spec, locate, needsSource(ctx.file));
    if (problems.length > 0) return report(problems);

    const valid = checked.spec;
    return renderChart({
      id: ctx.id,
      model: buildModel(valid),
      height: valid.height ?? DEFAULT_HEIGHT,
      ...(valid.source ? { source: valid.source } : {}),
      ...(valid.note ? { note: valid.note } : {}),
      words: deckText(ctx.lang),
    });
  },
};
