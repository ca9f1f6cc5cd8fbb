import { resolveDeckConfig } from '../config/index.ts';
import { exportDeck, summary } from '../export/index.ts';
import { EXPORT_USAGE, exportDir, parseExportArgs } from '../export/options.ts';
import { progress } from '../export/progress.ts';

/** `deck export pdf|png|pptx [DIR] [options]`: see src/export/options.ts for the flags and their defaults. */
export async function exportCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${EXPORT_USAGE}\n`);
    return 0;
  }
  const { dir, rest } = exportDir(args);
  const options = parseExportArgs(rest, await resolveDeckConfig(dir ?? process.cwd()));
  const report = progress(options.quiet);
  const result = await exportDeck(options, report);
  report.done(summary(options.format, result, report.seconds()));
  return 0;
}
