import { type CompileHost, NOT_FOUND, readDeckText } from '../../compiler/host.ts';
import { resolveFrom } from '../../compiler/paths.ts';
import { isRecord } from '../../compiler/record.ts';
import { type PathItem, type Place, parseYaml, type YamlSource } from '../../compiler/yaml.ts';

/** Where spec keys that came from a data file live in it. */
export interface DataOrigin {
  source: YamlSource;
  path: PathItem[];
}

export type DataResult =
  | { ok: true; value: Record<string, unknown>; origin: DataOrigin }
  | { ok: false; problems: { place: Place; message: string }[] };

/**
 * Resolves `data: ./data/FILE.yaml#dotted.path` written in `fromFile` (at `place`): the map at that path
 * supplies spec keys such as labels, datasets and source. Every problem names the file and what to write.
 */
export function loadDataRef(
  ref: string,
  fromFile: string,
  place: Place,
  host: CompileHost,
  depend: (path: string) => void,
): DataResult {
  const fail = (message: string, at: Place = place): DataResult => ({
    ok: false,
    problems: [{ place: at, message }],
  });
  const [filePart = '', pathPart = ''] = ref.split('#', 2);
  if (!/\.ya?ml$/i.test(filePart)) {
    return fail(
      `chart "data" must name a YAML file and a path, such as ./data/industry.yaml#revenue; got "${ref}"`,
    );
  }
  const file = resolveFrom(fromFile, filePart);
  depend(file);
  const read = readDeckText(host, file);
  if (!('text' in read)) {
    if (read.problem === NOT_FOUND)
      return fail(
        `chart "data": ${file} does not exist (resolved from "${filePart}" relative to ${fromFile}); create it or fix the path`,
      );
    return fail(
      `chart "data": ${file} ${read.problem}`,
      read.line ? { file, line: read.line, column: read.column ?? 1 } : place,
    );
  }
  const source = parseYaml(file, read.text);
  if (source.errors.length > 0) {
    return {
      ok: false,
      problems: source.errors.map((e) => ({
        place: e.place,
        message: `chart data file is not valid YAML (${e.message}): fix it so that "${ref}" can be read`,
      })),
    };
  }
  const path: PathItem[] =
    pathPart === '' ? [] : pathPart.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  let node: unknown = source.value;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const next = isRecord(node) ? node[String(step)] : Array.isArray(node) ? node[Number(step)] : undefined;
    if (next === undefined) {
      const have = isRecord(node) ? Object.keys(node) : [];
      const where = path.slice(0, i).join('.') || 'its top level';
      return fail(
        `chart "data": ${file} has no "${path.slice(0, i + 1).join('.')}"` +
          (have.length > 0 ? `; at ${where} it has ${have.map((k) => `"${k}"`).join(', ')}` : '') +
          `: fix the path after "#"`,
      );
    }
    node = next;
  }
  if (!isRecord(node)) {
    return fail(
      `chart "data": "${pathPart}" in ${file} must be a map with keys such as labels, datasets and source`,
    );
  }
  return { ok: true, value: node, origin: { source, path } };
}
