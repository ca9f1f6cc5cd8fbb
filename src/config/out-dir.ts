import { isAbsolute, relative, resolve, sep } from 'node:path';

/** What the deck reads, each with its name in a message; relative paths are relative to the deck folder. */
export interface DeckReads {
  slidesDir: string;
  facts: string;
  theme?: string;
  /** The config file, absolute. */
  file?: string;
}

/** `inner` is `outer` or a path below it. */
const within = (inner: string, outer: string) => {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * Why `outDir` cannot hold the built site, or undefined when it can: the build replaces what it made there,
 * so the folder must not be, hold or sit above the deck folder, its slides or a file the deck reads, nor lie
 * in the slides folder (the build would read its own output).
 */
export function outDirClash(root: string, outDir: string, reads: DeckReads): string | undefined {
  const slides = resolve(root, reads.slidesDir);
  const files: [string, string][] = [
    [root, 'the deck folder'],
    [slides, `the slides folder ${reads.slidesDir}/`],
    [resolve(root, reads.facts), `the facts file ${reads.facts}`],
    ...(reads.theme ? [[resolve(root, reads.theme), `the theme ${reads.theme}`] as [string, string]] : []),
    ...(reads.file
      ? [[reads.file, `the config file ${relative(root, reads.file)}`] as [string, string]]
      : []),
  ];
  for (const [path, name] of files) {
    if (outDir === path) return `is ${name} itself`;
    if (within(path, outDir)) return `holds ${name}`;
  }
  if (slides !== root && within(outDir, slides)) return `is inside the slides folder ${reads.slidesDir}/`;
  return undefined;
}
