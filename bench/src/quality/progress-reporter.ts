import cliProgress from 'cli-progress';

/** A stream a progress bar can write to (a TTY gets a redrawn bar; anything else, plain lines). */
export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

/** One task's progress. */
export type ProgressTask = {
  update(done: number): void;
  stop(): void;
};

/** Starts progress tasks. */
export type ProgressReporter = { start(label: string, total: number): ProgressTask };

/** A reporter that shows nothing (tests, `--json` into a pipe, …). */
export const silentProgress: ProgressReporter = {
  start: () => ({ update: () => {}, stop: () => {} }),
};

/** Settings of {@link createProgressReporter}. */
export type ProgressReporterOptions = {
  /** Show a bar only once a task has run this long, in ms (default 1000). */
  readonly delayMs?: number;
  /** Clock (default `Date.now`). */
  readonly now?: () => number;
};

/**
 * A progress reporter on a stream (stderr): a task gets a cli-progress bar once it has run longer
 * than `delayMs`, so quick runs print nothing. On a terminal the bar is redrawn in place; on
 * anything else it prints a line every few seconds.
 *
 * @example
 * const task = createProgressReporter(process.stderr).start('routing', rows.length);
 * rows.forEach((row, index) => { route(row); task.update(index + 1); });
 * task.stop();
 */
export function createProgressReporter(
  stream: ProgressStream,
  options: ProgressReporterOptions = {},
): ProgressReporter {
  const delayMs = options.delayMs ?? 1000;
  const now = options.now ?? Date.now;
  return {
    start(label, total) {
      const startedAt = now();
      let bar: cliProgress.SingleBar | undefined;
      let lastCheck = 0;
      return {
        update(done) {
          if (bar === undefined) {
            if (done - lastCheck < Math.max(1, Math.floor(total / 200)) && done < total) return;
            lastCheck = done;
            if (now() - startedAt < delayMs || done >= total) return;
            bar = new cliProgress.SingleBar(
              {
                stream,
                format: `${label.padEnd(24)} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
                noTTYOutput: stream.isTTY !== true,
                notTTYSchedule: 5000,
                hideCursor: stream.isTTY === true,
                clearOnComplete: false,
              },
              cliProgress.Presets.shades_classic,
            );
            bar.start(total, done);
            return;
          }
          bar.update(done);
        },
        stop() {
          if (bar === undefined) return;
          bar.update(total);
          bar.stop();
          bar = undefined;
        },
      };
    },
  };
}
