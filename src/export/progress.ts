/** The export's steps, in order; progress counts them. */
export const STEPS = ['build', 'load', 'render', 'write'] as const;
export type Step = (typeof STEPS)[number];

export interface Progress {
  /** Announces a step, with an optional detail and the time so far (`[2/4] load zh-Hans (at 0.3 s)`). */
  step(step: Step, detail?: string): void;
  /** The one-line summary at the end. */
  done(line: string): void;
  /** Seconds since the export started. */
  seconds(): number;
}

/** Counted steps on stderr (never stdout, which stays free for pipes); nothing at all when quiet. */
export function progress(
  quiet: boolean,
  write: (s: string) => void = (s) => process.stderr.write(s),
): Progress {
  const started = performance.now();
  return {
    step(step, detail) {
      if (quiet) return;
      const at = ((performance.now() - started) / 1000).toFixed(1);
      write(
        `[${STEPS.indexOf(step) + 1}/${STEPS.length}] ${step}${detail ? ` ${detail}` : ''} (at ${at} s)\n`,
      );
    },
    done(line) {
      if (!quiet) write(`${line}\n`);
    },
    seconds: () => (performance.now() - started) / 1000,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
