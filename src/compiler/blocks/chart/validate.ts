import * as v from 'valibot';
import type { PathItem, Place, YamlSource } from '../../yaml.ts';
import { CHART_COLORS } from './colors.ts';
import type { DataOrigin } from './data-ref.ts';
import { ChartSpec, describeExpected, dotted, keysAt } from './schema.ts';

export interface Problem {
  place: Place;
  message: string;
}

/** Finds where a spec path was written: in the fence, or in the data file the key came from. */
export type Locator = (path: PathItem[], at?: 'key' | 'value') => Place;

export function locator(inline: YamlSource, fromData: Set<string>, data?: DataOrigin): Locator {
  return (path, at = 'value') => {
    const top = String(path[0] ?? '');
    if (data && fromData.has(top)) return data.source.place([...data.path, ...path], at);
    return inline.place(path, at);
  };
}

function nearest(word: string, options: string[]): string | undefined {
  return options.find((o) => o.startsWith(word.slice(0, 3)) || word.startsWith(o.slice(0, 3)));
}

function issueMessage(
  issue: v.BaseIssue<unknown>,
  path: PathItem[],
): { message: string; at: 'key' | 'value' } {
  const name = dotted(path);
  const got = typeof issue.input === 'string' ? `"${issue.input}"` : issue.received;
  if (issue.type === 'picklist') {
    const options = (issue.expected ?? '').replace(/["()]/g, '').split(' | ').join(', ');
    return { message: `chart "${name}" must be one of ${options}; got ${got}`, at: 'value' };
  }
  if (issue.type === 'strict_object' && issue.input !== undefined) {
    const key = String(path[path.length - 1]);
    const known = keysAt(path.slice(0, -1));
    const near = nearest(key, known);
    return {
      message: `chart has no key "${name}"${near ? `: did you mean "${near}"?` : ''} Known keys here: ${known.join(', ')}`,
      at: 'key',
    };
  }
  if (issue.input === undefined && issue.type !== 'min_length') {
    return { message: `chart needs "${name}" (${describeExpected(issue.expected)}): add it`, at: 'value' };
  }
  if (issue.type === 'min_length') {
    return { message: `chart "${name}" must not be empty`, at: 'value' };
  }
  if (issue.type === 'min_value' || issue.type === 'max_value' || issue.type === 'integer') {
    return { message: `chart "${name}" ${issue.message.replace(/^Invalid \w+: /, 'must be ')}`, at: 'value' };
  }
  return {
    message: `chart "${name}" must be ${describeExpected(issue.expected)}; got ${got}`,
    at: 'value',
  };
}

/** Schema problems, each at the line and column where the bad value (or key) was written. */
export function checkSchema(value: unknown, locate: Locator): { spec?: ChartSpec; problems: Problem[] } {
  const result = v.safeParse(ChartSpec, value);
  if (result.success) return { spec: result.output, problems: [] };
  const problems = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => p.key as PathItem);
    const { message, at } = issueMessage(issue, path);
    // A missing key is reported at the map that should hold it.
    const where = issue.input === undefined && issue.type !== 'strict_object' ? path.slice(0, -1) : path;
    return { place: locate(where, at), message };
  });
  return { problems };
}

/** What the schema cannot say: lengths that must agree, colours the theme has, options that fit the type. */
export function checkMeaning(spec: ChartSpec, locate: Locator, sourceRequired: boolean): Problem[] {
  const out: Problem[] = [];
  const problem = (path: PathItem[], message: string, at: 'key' | 'value' = 'value') =>
    out.push({ place: locate(path, at), message });
  const n = spec.labels.length;
  const round = spec.type === 'pie' || spec.type === 'doughnut';
  if (sourceRequired && !spec.source) {
    problem(
      [],
      'chart needs "source": every figure on a slide says where it comes from (e.g. source: 济南市统计局，2025年3月)',
    );
  }
  spec.datasets.forEach((d, i) => {
    if (d.data.length !== n) {
      problem(
        ['datasets', i, 'data'],
        `chart "datasets[${i}].data" has ${d.data.length} value${d.data.length === 1 ? '' : 's'} but "labels" has ${n}: give one value per label (null for a gap)`,
      );
    }
    const colors = d.color === undefined ? [] : Array.isArray(d.color) ? d.color : [d.color];
    colors.forEach((c, k) => {
      if (!(c in CHART_COLORS)) {
        problem(
          Array.isArray(d.color) ? ['datasets', i, 'color', k] : ['datasets', i, 'color'],
          `chart colour "${c}" is not a theme colour: use one of ${Object.keys(CHART_COLORS).join(', ')}`,
        );
      }
    });
    if (Array.isArray(d.color) && d.color.length !== 1 && d.color.length !== n) {
      problem(
        ['datasets', i, 'color'],
        `chart "datasets[${i}].color" lists ${d.color.length} colours: give one, or one per label (${n})`,
      );
    }
    if (d.type && round) {
      problem(
        ['datasets', i, 'type'],
        `chart "datasets[${i}].type" mixes only bar and line charts; remove it from a ${spec.type} chart`,
        'key',
      );
    }
    if (Array.isArray(d.derived)) {
      d.derived.forEach((l, k) => {
        if (!spec.labels.includes(l)) {
          problem(
            ['datasets', i, 'derived', k],
            `chart "datasets[${i}].derived" names "${l}", which is not one of "labels": use a label exactly as written there`,
          );
        }
      });
    }
    if (round && d.data.some((x) => x !== null && x < 0)) {
      problem(
        ['datasets', i, 'data'],
        `chart "datasets[${i}].data": a ${spec.type} chart cannot show negative values`,
      );
    }
  });
  if (spec.horizontal && spec.type !== 'bar') {
    problem(
      ['horizontal'],
      `chart "horizontal" applies to bar charts only; this one is "${spec.type}"`,
      'key',
    );
  }
  if (spec.stacked && round) {
    problem(
      ['stacked'],
      `chart "stacked" applies to bar and line charts only; this one is "${spec.type}"`,
      'key',
    );
  }
  if (spec.marks && round) {
    problem(
      ['marks'],
      `chart "marks" draws lines on a value axis, which a ${spec.type} chart does not have`,
      'key',
    );
  }
  spec.marks?.forEach((m, i) => {
    if (m.color !== undefined && !(m.color in CHART_COLORS)) {
      problem(
        ['marks', i, 'color'],
        `chart colour "${m.color}" is not a theme colour: use one of ${Object.keys(CHART_COLORS).join(', ')}`,
      );
    }
  });
  return out;
}
