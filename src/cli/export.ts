import { launchFor } from '../export/launch.ts';
import { EXPORT_USAGE, type ExportFormat, exportDir, parseExportArgs } from '../export/options.ts';
import { progress } from '../export/progress.ts';
import { exportTrace } from '../export/trace.ts';

const FORMATS: readonly string[] = ['pdf', 'png', 'pptx'] satisfies ExportFormat[];

/** `deck export pdf|png|pptx|html [DIR] [options]`: see src/export/options.ts for the flags and their defaults. */
export async function exportCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${EXPORT_USAGE}\n`);
    return 0;
  }
  exportTrace.mark('node + cli import');
  // Chromium starts before anything else, the deck's settings and the export's own modules included: its
  // start-up then overlaps theirs. The HTML export needs none (FORMATS leaves it out).
  const format = args[0] ?? '';
  const chromium = FORMATS.includes(format) ? await launchFor(format as ExportFormat) : undefined;
  try {
    const [{ resolveDeckConfig }, { exportDeck, summary }] = await Promise.all([
      import('../config/index.ts'),
      import('../export/index.ts'),
    ]);
    const { dir, rest } = exportDir(args);
    const options = parseExportArgs(rest, await resolveDeckConfig(dir ?? process.cwd()));
    exportTrace.mark('config');
    const report = progress(options.quiet);
    const result = await exportDeck(options, report, chromium);
    report.done(summary(options.format, result, report.seconds()));
    exportTrace.mark('summary');
    exportTrace.print();
    return 0;
  } finally {
    await chromium?.close();
  }
}
