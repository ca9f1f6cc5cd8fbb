import type { Locator, Part } from '../../compiler/spec.ts';
import type { PathItem, Place, YamlSource } from '../../compiler/yaml.ts';
import { CHART_COLORS } from './colors.ts';
import type { DataOrigin } from './data-ref.ts';
import type { ChartSpec } from './schema.ts';

export interface Problem {
  place: Place;
  message: string;
}

export type { Locator };

/** Finds where a spec path was written: in the fence, or in the data file the key came from. */
export function locator(inline: YamlSource, fromData: Set<string>, data?: DataOrigin): Locator {
  return (path, at = 'value') => {
    const top = String(path[0] ?? '');
    if (data && fromData.has(top)) return data.source.place([...data.path, ...path], at);
    return inline.place(path, at);
  };
}

/** What the schema cannot say: lengths that must agree, colours the theme has, options that fit the type. */
export function checkMeaning(
  spec: ChartSpec,
  problem: (path: PathItem[], message: string, part?: Part) => void,
  sourceRequired: boolean,
): boolean {
  let ok = true;
  const say: typeof problem = (...args) => {
    ok = false;
    problem(...args);
  };
  const n = spec.labels.length;
  const round = spec.type === 'pie' || spec.type === 'doughnut';
  if (sourceRequired && !spec.source) {
    say(
      [],
      'the spec needs "source": this deck asks every chart to say where its numbers come from (sources: required, in its config), e.g. source: Statistics office, March 2025',
    );
  }
  spec.datasets.forEach((d, i) => {
    if (d.data.length !== n) {
      say(
        ['datasets', i, 'data'],
        `"datasets[${i}].data" has ${d.data.length} value${d.data.length === 1 ? '' : 's'} but "labels" has ${n}: give one value per label (null for a gap)`,
      );
    }
    const colors = d.color === undefined ? [] : Array.isArray(d.color) ? d.color : [d.color];
    colors.forEach((c, k) => {
      if (!(c in CHART_COLORS)) {
        say(
          Array.isArray(d.color) ? ['datasets', i, 'color', k] : ['datasets', i, 'color'],
          `colour "${c}" is not a theme colour: use one of ${Object.keys(CHART_COLORS).join(', ')}`,
        );
      }
    });
    if (Array.isArray(d.color) && d.color.length !== 1 && d.color.length !== n) {
      say(
        ['datasets', i, 'color'],
        `"datasets[${i}].color" lists ${d.color.length} colours: give one, or one per label (${n})`,
      );
    }
    if (d.type && round) {
      say(
        ['datasets', i, 'type'],
        `"datasets[${i}].type" mixes only bar and line charts; remove it from a ${spec.type} chart`,
        'key',
      );
    }
    if (Array.isArray(d.derived)) {
      d.derived.forEach((l, k) => {
        if (!spec.labels.includes(l)) {
          say(
            ['datasets', i, 'derived', k],
            `"datasets[${i}].derived" names "${l}", which is not one of "labels": use a label exactly as written there`,
          );
        }
      });
    }
    if (round && d.data.some((x) => x !== null && x < 0)) {
      say(['datasets', i, 'data'], `"datasets[${i}].data": a ${spec.type} chart cannot show negative values`);
    }
  });
  if (spec.horizontal && spec.type !== 'bar') {
    say(['horizontal'], `"horizontal" applies to bar charts only; this one is "${spec.type}"`, 'key');
  }
  if (spec.stacked && round) {
    say(['stacked'], `"stacked" applies to bar and line charts only; this one is "${spec.type}"`, 'key');
  }
  if (spec.marks && round) {
    say(['marks'], `"marks" draws lines on a value axis, which a ${spec.type} chart does not have`, 'key');
  }
  spec.marks?.forEach((m, i) => {
    if (m.color !== undefined && !(m.color in CHART_COLORS)) {
      say(
        ['marks', i, 'color'],
        `colour "${m.color}" is not a theme colour: use one of ${Object.keys(CHART_COLORS).join(', ')}`,
      );
    }
  });
  return ok;
}
