import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);

/** The deck's CJK font: Noto Sans SC as TrueType outlines (glyf), which Chromium embeds in PDFs as CID TrueType. */
export const FONT_FAMILY = 'Deck Sans';
export const FONT_FACES = [
  { weight: 400, file: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf' },
  { weight: 700, file: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf' },
] as const;

/** Printable ASCII and a few marks the runtime draws, always in the subset. */
const ALWAYS = `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')}·—–…“”‘’、，。：；！？（）《》〔〕【】％×→←↑↓`;

export interface SubsetFace {
  weight: number;
  fileName: string;
  data: Buffer;
}

/** The characters a page needs: its text (tags included, harmlessly ASCII) with entities decoded. */
export function glyphsOf(...texts: string[]): string {
  const set = new Set<string>(ALWAYS);
  for (const text of texts) {
    const decoded = text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_m, n: string) =>
      String.fromCodePoint(n[0] === 'x' || n[0] === 'X' ? Number.parseInt(n.slice(1), 16) : Number(n)),
    );
    for (const ch of decoded) if (ch >= ' ') set.add(ch);
  }
  return [...set].sort().join('');
}

/**
 * Subsets each face to exactly `glyphs`, as WOFF2 with its TrueType outlines kept. Results are cached on disk
 * by content, so an unchanged deck costs nothing on the next build.
 */
export async function subsetFaces(glyphs: string, cacheDir: string, tag: string): Promise<SubsetFace[]> {
  mkdirSync(cacheDir, { recursive: true });
  return Promise.all(
    FONT_FACES.map(async (face) => {
      const source = require.resolve(face.file);
      const hash = createHash('sha256')
        .update(face.file)
        .update('\0')
        .update(glyphs)
        .digest('hex')
        .slice(0, 10);
      const fileName = `deck-sans-${tag}-${face.weight}-${hash}.woff2`;
      const cached = join(cacheDir, fileName);
      if (existsSync(cached)) return { weight: face.weight, fileName, data: readFileSync(cached) };
      const data = await subsetFont(readFileSync(source), glyphs, { targetFormat: 'woff2' });
      const tmp = `${cached}.${process.pid}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, cached);
      return { weight: face.weight, fileName, data };
    }),
  );
}

export function fontFaceCss(faces: SubsetFace[], urlOf: (fileName: string) => string): string {
  return faces
    .map(
      (f) =>
        `@font-face{font-family:"${FONT_FAMILY}";font-style:normal;font-weight:${f.weight};font-display:block;` +
        `src:url("${urlOf(f.fileName)}") format("woff2")}`,
    )
    .join('\n');
}
