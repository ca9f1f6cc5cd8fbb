import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { listSlideFiles } from '../src/node/load.ts';

const require = createRequire(import.meta.url);

/**
 * The page a user would hand-roll instead: reveal.js's own client-side markdown plugin over the same
 * slides, a stock reveal theme, and Chart.js from npm, all as plain script and link tags.
 */
export function writeReferencePage(root: string, outDir: string): void {
  const reveal = dirname(dirname(require.resolve('reveal.js/reveal.css')));
  const chart = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  const files: [string, string][] = [
    [join(reveal, 'dist/reveal.css'), 'reveal.css'],
    [join(reveal, 'dist/theme/white.css'), 'white.css'],
    [join(reveal, 'dist/reveal.js'), 'reveal.js'],
    [join(reveal, 'dist/plugin/markdown.js'), 'markdown.js'],
    [join(reveal, 'dist/plugin/notes.js'), 'notes.js'],
    [chart, 'chart.umd.min.js'],
  ];
  mkdirSync(outDir, { recursive: true });
  for (const [from, to] of files) copyFileSync(from, join(outDir, to));
  const markdown = listSlideFiles(root)
    .map((f) => readFileSync(join(root, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''))
    .join('\n\n---\n\n')
    .replace(/<\/textarea>/g, '&lt;/textarea>');
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>reference</title>
<link rel="stylesheet" href="reveal.css">
<link rel="stylesheet" href="white.css">
</head>
<body>
<div class="reveal"><div class="slides">
<section data-markdown data-separator="^\\n---\\n$" data-separator-vertical="^\\n--\\n$" data-separator-notes="^Note:">
<textarea data-template>
${markdown}
</textarea>
</section>
</div></div>
<script src="reveal.js"></script>
<script src="markdown.js"></script>
<script src="notes.js"></script>
<script src="chart.umd.min.js"></script>
<script>
Reveal.initialize({ hash: true, plugins: [RevealMarkdown, RevealNotes] })
  .then(() => document.fonts.ready)
  .then(() => { document.documentElement.dataset.deckReady = 'true'; });
</script>
</body>
</html>
`,
  );
}
