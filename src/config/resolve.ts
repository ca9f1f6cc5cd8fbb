import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import * as v from 'valibot';
import { LANG_TAG } from '../compiler/deck-options.ts';
import { DeckError, type Diagnostic } from '../compiler/diagnostics.ts';
import { NOT_FOUND } from '../compiler/host.ts';
import { isRecord } from '../compiler/record.ts';
import { readHead } from '../compiler/split.ts';
import { suggest } from '../compiler/suggest.ts';
import { parseYaml } from '../compiler/yaml.ts';
import { textConverter } from '../i18n/convert.ts';
import { open } from '../node/open.ts';
import { findConfigFiles, importConfigFile, isCodeConfig } from './file.ts';
import { parseJson } from './json.ts';
import { outDirClash } from './out-dir.ts';
import { DeckConfigSchema } from './schema.ts';
import { publicProblems, themeRefs } from './theme-refs.ts';
import type { DeckConfig, DeckConfigInput, Variant } from './types.ts';
import { variantPage } from './variants.ts';

export const DEFAULTS = {
  lang: 'en',
  outDir: 'dist',
  slidesDir: 'slides',
  facts: 'data/facts.yaml',
} as const;

/** Settings the environment may override (parallel builds, tests). */
export interface ConfigEnv {
  /** The built site, relative to the deck folder: wins over the config's `outDir`. */
  DECK_OUT_DIR?: string;
  /**
   * `1` (or `deck … --untrusted`): the deck is someone else's. No code of the deck runs (a JavaScript or
   * TypeScript config is refused: deck.config.json holds the same settings as data) and every path it names
   * stays inside its folder, links resolved.
   */
  DECK_UNTRUSTED?: string;
}

/** Whether the environment says the deck is not to be trusted (`DECK_UNTRUSTED=1`; `0` or empty: trusted). */
export const isUntrusted = (env: ConfigEnv) => !!env.DECK_UNTRUSTED && env.DECK_UNTRUSTED !== '0';

const UNTRUSTED_FLAG = '--untrusted (DECK_UNTRUSTED=1)';

const posix = (p: string) => p.split(sep).join('/');

/**
 * The deck's settings, resolved once: defaults, then the first slide file's front matter (`title:`, `lang:`),
 * then `deck.config.*` (its values win). A config value that is wrong is a DeckError located in the file.
 */
export async function resolveDeckConfig(dir: string, env: ConfigEnv = process.env): Promise<DeckConfig> {
  const root = resolve(dir);
  if (!existsSync(root)) throw new DeckError(`no deck folder at ${dir}: create it (deck init ${dir})`, [], 2);
  const files = findConfigFiles(root);
  const untrusted = isUntrusted(env);
  const code = files.find(isCodeConfig);
  if (untrusted && code)
    throw new DeckError(
      `${basename(code)} is code, and ${UNTRUSTED_FLAG} runs none of the deck's: write its settings as data in deck.config.json (the same keys; converters by name, no blocks) and delete ${basename(code)}`,
      [at(code, basename(code), [], `${basename(code)} is not run under --untrusted`)],
      1,
    );
  if (files.length > 1)
    throw new DeckError(
      `the deck has ${files.map((f) => basename(f)).join(' and ')}: keep one config file`,
      [],
      1,
    );
  const file = files[0];
  const input = file ? await readConfigFile(file) : {};
  const config = configFrom(root, input, file, env);
  if (file && input.markdown)
    config.markdownAt = Object.fromEntries(
      Object.keys(input.markdown).map((key) => {
        const { file: shown, line, column } = at(file, basename(file), ['markdown', key], '');
        return [key, { file: shown, line, column }];
      }),
    );
  const problems = pathProblems(config, input, file, env);
  if (problems.length > 0)
    throw new DeckError(
      `${problems.length} problem${problems.length > 1 ? 's' : ''} with the deck’s paths: fix ${problems.length > 1 ? 'them' : 'it'} and run it again`,
      problems,
      1,
    );
  return config;
}

/**
 * The config's paths that the disk refuses: a theme that leads out of the deck folder (links resolved) or to
 * a folder or device, always; under --untrusted also a slides folder or an outDir whose real path leaves the deck folder
 * (the build empties outDir: a link there would empty a folder of the builder's).
 */
function pathProblems(config: DeckConfig, input: DeckConfigInput, file: string | undefined, env: ConfigEnv) {
  const problems: Diagnostic[] = [];
  const shown = file ? basename(file) : undefined;
  const report = (key: string, message: string) =>
    problems.push(
      file && shown
        ? at(file, shown, [key], message)
        : { file: config.slidesDir, line: 1, column: 1, message, severity: 'error' },
    );
  const realRoot = realpathSync(config.root);
  if (config.theme) {
    const opened = open(realRoot, config.root, config.theme);
    // A missing one is left to the build, as before; one that leads out of the deck or to a device is not.
    if ('problem' in opened && opened.problem !== NOT_FOUND)
      report('theme', `"theme" ${config.theme} ${opened.problem}`);
  }
  if (config.untrusted && config.scripts.length > 0)
    report(
      'scripts',
      `"scripts" is the deck's own code, which ${UNTRUSTED_FLAG} runs none of: remove "scripts" (the slides show without them) or build the deck as trusted`,
    );
  else
    for (const script of config.scripts) {
      const opened = open(realRoot, config.root, script);
      if (!('problem' in opened)) continue;
      const near = opened.problem === NOT_FOUND ? nearFile(config.root, script) : undefined;
      const message = `"scripts" names ${script}, which ${opened.problem}${near ? `; did you mean "${near}"?` : ''}`;
      problems.push(
        file && shown
          ? atValue(file, shown, 'scripts', script, message)
          : { file: config.slidesDir, line: 1, column: 1, message, severity: 'error' },
      );
    }
  if (!config.untrusted) return problems;
  for (const [path, problem] of publicProblems(realRoot, config.root))
    problems.push({ file: path, line: 1, column: 1, message: `${path} ${problem}`, severity: 'error' });
  if (config.theme)
    for (const [ref, from, problem] of themeRefs(realRoot, config.root, config.theme))
      report('theme', `"theme" ${config.theme}: ${JSON.stringify(ref)} in ${from} ${problem}`);
  if (!insideReal(realRoot, join(config.root, config.slidesDir)))
    report(
      'slidesDir',
      `"slidesDir" ${config.slidesDir} leads outside the deck folder, which ${UNTRUSTED_FLAG} refuses`,
    );
  if (input.outDir !== undefined && !env.DECK_OUT_DIR) {
    const inner = relative(config.root, config.outDir);
    if (!inner || inner.startsWith('..') || isAbsolute(inner) || !insideReal(realRoot, config.outDir))
      report(
        'outDir',
        `"outDir" ${input.outDir} must be a folder inside the deck folder under ${UNTRUSTED_FLAG}: the build empties it (the builder may set DECK_OUT_DIR)`,
      );
  }
  return problems;
}

/** The file of the same folder whose name is nearest to a missing one's, as a path from the deck folder. */
function nearFile(root: string, path: string): string | undefined {
  const dir = dirname(path);
  let names: string[];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return undefined;
  }
  const [near] = suggest(basename(path), names);
  return near === undefined ? undefined : dir === '.' ? near : `${dir}/${near}`;
}

/** Whether `path`, or the nearest folder above it that exists, is inside `realRoot` once links are resolved. */
function insideReal(realRoot: string, path: string): boolean {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  let real: string;
  try {
    real = realpathSync(at);
  } catch {
    return false;
  }
  const inner = relative(realRoot, real);
  return !inner.startsWith('..') && !isAbsolute(inner);
}

/** The settings from an already loaded config (or none): what tests and tools without a config file use. */
export function configFrom(
  root: string,
  input: DeckConfigInput,
  file?: string,
  env: ConfigEnv = process.env,
): DeckConfig {
  const slidesDir = posix(input.slidesDir ?? DEFAULTS.slidesDir);
  const front = frontMatter(root, slidesDir);
  const lang = input.lang ?? front.lang ?? DEFAULTS.lang;
  const source: Variant = { lang, label: input.label ?? autonym(lang), page: variantPage(lang, true) };
  const variants: Variant[] = [
    source,
    ...(input.variants ?? []).map(({ lang, label, convert, phrases }) => ({
      lang,
      label,
      page: variantPage(lang, false),
      ...(convert || phrases ? { convert: textConverter(convert ?? ((t) => t), phrases) } : {}),
    })),
  ];
  const facts = posix(input.facts ?? `${slidesDir}/${DEFAULTS.facts}`);
  const themes = [input.theme ?? []].flat();
  const sheet = themes.find((t) => t.endsWith('.css'));
  const theme = sheet && posix(sheet);
  const scheme = themes.includes('dark') ? 'dark' : 'light';
  const scripts = (input.scripts ?? []).map(posix);
  const outDir = resolve(root, env.DECK_OUT_DIR || input.outDir || DEFAULTS.outDir);
  const clash = outDirClash(root, outDir, { slidesDir, facts, theme, file });
  if (clash) throw outDirError(clash, input.outDir, file, env.DECK_OUT_DIR);
  return {
    root,
    file,
    name: input.name ?? packageName(root) ?? 'deck',
    title: input.title ?? front.title,
    lang,
    variants,
    outDir,
    slidesDir,
    facts,
    theme,
    scheme,
    scripts,
    relay: input.relay ?? true,
    offline: input.offline ?? true,
    csp: input.csp ?? {},
    markdown: input.markdown,
    blocks: input.blocks ?? [],
    sources: input.sources ?? 'optional',
    ...(input.text?.noBreakUnits ? { noBreakUnits: input.text.noBreakUnits } : {}),
    timezone: input.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    untrusted: isUntrusted(env),
  };
}

/**
 * An out dir the build must not write into, named by the setting that chose it: `DECK_OUT_DIR` (unlocated),
 * or `outDir` at its line in the config file.
 */
function outDirError(
  clash: string,
  outDir: string | undefined,
  file?: string,
  envOutDir?: string,
): DeckError {
  const why = `the build replaces what is in its folder; ${envOutDir ? 'set it to' : 'name'} a folder of its own, such as "dist"`;
  if (envOutDir) return new DeckError(`DECK_OUT_DIR="${envOutDir}" ${clash}: ${why}`, [], 2);
  const message = `"outDir" ("${outDir}") ${clash}: ${why}`;
  if (!file) return new DeckError(message, [], 1);
  const shown = basename(file);
  return new DeckError(
    `1 problem in ${shown}: fix it and run it again`,
    [at(file, shown, ['outDir'], message)],
    1,
  );
}

/** The title to show when nothing names the deck (the banner): its title, else its file name. */
export const shownTitle = (config: DeckConfig) => config.title ?? config.name;

async function readConfigFile(file: string): Promise<DeckConfigInput> {
  const shown = basename(file); // in the deck folder, as the slides' paths are relative to it
  let value: unknown;
  try {
    value = isCodeConfig(file) ? await importConfigFile(file) : readJsonConfig(file, shown);
  } catch (e) {
    if (e instanceof DeckError) throw e;
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new DeckError(`${shown} could not be loaded: ${message}`, [], 1);
  }
  if (!isRecord(value))
    throw new DeckError(
      isCodeConfig(file)
        ? `${shown} must export default an object, such as: export default { lang: 'en' }`
        : `${shown} must hold an object, such as: { "lang": "en" }`,
      [],
      1,
    );
  const parsed = v.safeParse(DeckConfigSchema, value);
  const problems: Diagnostic[] = parsed.success ? [] : parsed.issues.map((i) => located(file, shown, i));
  if (parsed.success) {
    const langs = [parsed.output.lang, ...(parsed.output.variants ?? []).map((o) => o.lang)];
    const twice = langs.find((l, k) => l !== undefined && langs.indexOf(l) !== k);
    if (twice)
      problems.push(
        at(file, shown, ['variants'], `language "${twice}" has two pages: give each variant its own lang`),
      );
  }
  if (problems.length > 0)
    throw new DeckError(
      `${problems.length} problem${problems.length > 1 ? 's' : ''} in ${shown}: fix ${problems.length > 1 ? 'them' : 'it'} and run it again`,
      problems,
      1,
    );
  return parsed.output as DeckConfigInput;
}

/** A deck.config.json's value: the file read as the deck's other files are (inside the folder, UTF-8), then parsed. */
function readJsonConfig(file: string, shown: string): unknown {
  const root = dirname(file);
  const opened = open(realpathSync(root), root, shown);
  if ('problem' in opened) throw new DeckError(`${shown} ${opened.problem}`, [], 1);
  const text = readFileSync(opened.file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = parseJson(text);
  if ('value' in parsed) return parsed.value;
  const before = text.slice(0, parsed.problem.offset).split('\n');
  throw new DeckError(
    `${shown} is not JSON: fix it at its line and run it again`,
    [
      {
        file: shown,
        line: before.length,
        column: before[before.length - 1]!.length + 1,
        message: parsed.problem.message,
        severity: 'error',
      },
    ],
    1,
  );
}

function located(file: string, shown: string, issue: v.InferIssue<typeof DeckConfigSchema>): Diagnostic {
  const path = (issue.path ?? []).map((p) => String(p.key));
  const where = path.join('.') || 'the config';
  const message =
    issue.type === 'strict_object' && path.length > 0
      ? `unknown key "${where}": known keys are ${Object.keys(DeckConfigSchema.entries).join(', ')}`
      : `"${where}" ${issue.message.replace(/^Invalid type: /, 'has the wrong type: ')}`;
  return at(file, shown, path, message);
}

/**
 * A place in the config file for a key path: the line where its last key is written (a JavaScript object is
 * not parsed here; the key's first occurrence after its parent's is a good enough place).
 */
function at(file: string, shown: string, path: string[], message: string): Diagnostic {
  let lines: string[] = [];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    // Located at the top.
  }
  let line = 0;
  let column = 0;
  for (const key of path.filter((k) => !/^\d+$/.test(k))) {
    const re = new RegExp(`(?:^|[\\s{,])["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
    for (let k = line; k < lines.length; k++) {
      const m = re.exec(lines[k]!);
      if (m) {
        line = k;
        column = m.index + m[0].search(/[^\s{,]/); // the key (or its quote), not what precedes it
        break;
      }
    }
  }
  return { file: shown, line: line + 1, column: column + 1, message, severity: 'error' };
}

/** A place in the config file for a string value under a key: where it is written, else the key's place. */
function atValue(file: string, shown: string, key: string, value: string, message: string): Diagnostic {
  const keyAt = at(file, shown, [key], message);
  let lines: string[] = [];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return keyAt;
  }
  for (let k = keyAt.line - 1; k < lines.length; k++) {
    const column = ['"', "'", '`']
      .map((q) => lines[k]!.indexOf(`${q}${value}${q}`))
      .filter((c) => c >= 0)
      .sort((a, b) => a - b)[0];
    if (column !== undefined) return { ...keyAt, line: k + 1, column: column + 1 };
  }
  return keyAt;
}

/** `title:` and `lang:` of the first slide file's front matter, when they are usable (the compiler reports the rest). */
function frontMatter(root: string, slidesDir: string): { title?: string; lang?: string } {
  const dir = join(root, slidesDir);
  if (!existsSync(dir)) return {};
  const first = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name.endsWith('.md') && !e.name.startsWith('.') && !e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0];
  if (!first) return {};
  let text: string;
  try {
    text = readFileSync(join(dir, first), 'utf8');
  } catch {
    return {};
  }
  const head = readHead(first, text, () => undefined);
  if (!head.frontMatter) return {};
  const doc = parseYaml(first, head.frontMatter.text, head.frontMatter.line);
  const data = doc.errors.length === 0 ? doc.value : undefined;
  if (!isRecord(data)) return {};
  const { title, lang } = data;
  return {
    title: typeof title === 'string' && title.trim() ? title : undefined,
    lang: typeof lang === 'string' && LANG_TAG.test(lang) ? lang : undefined,
  };
}

function packageName(root: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown }).name;
    if (typeof name === 'string' && name) return name.replace(/^@[^/]+\//, '');
  } catch {
    // No package.json: the caller's default.
  }
  return undefined;
}

/** A language's name in itself, for the switch: "English", "简体中文". */
function autonym(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang);
    if (name) return name;
  } catch {
    // An unknown tag names itself.
  }
  return lang;
}
