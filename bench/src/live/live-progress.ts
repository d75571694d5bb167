import cliProgress from 'cli-progress';

/** Progress of a live run, shown on a terminal. */
export type LiveProgress = {
  /** The run starts: `total` requests to send. */
  start(total: number): void;
  /** One request settled (`failed`: it ended in an error). */
  tick(failed: boolean): void;
  /** The run ended: clears the bar, or cancels it if it never appeared. */
  stop(): void;
};

/** A stream a progress bar can draw on (`process.stderr`). */
export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

/**
 * A progress bar (cli-progress) on `stream`, drawn only when the stream is a terminal and only
 * once the run has lasted `delayMs` (default 1 s), so short runs and logs stay clean. Shows
 * requests done of the total, errors so far, elapsed time and the estimate of what is left.
 *
 * @example
 * const progress = createLiveProgress(process.stderr);
 * progress.start(jobs.length);
 * // … progress.tick(record.outcome === 'error') as each request settles …
 * progress.stop();
 */
export function createLiveProgress(
  stream: ProgressStream,
  options: { readonly delayMs?: number } = {},
): LiveProgress {
  const delayMs = options.delayMs ?? 1_000;
  let bar: cliProgress.SingleBar | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let total = 0;
  let done = 0;
  let errors = 0;
  return {
    start(count) {
      total = count;
      if (stream.isTTY !== true) return;
      timer = setTimeout(() => {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format:
              'bench live |{bar}| {value}/{total} requests | {errors} errors | {duration_formatted} elapsed, ~{eta_formatted} left',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { errors });
      }, delayMs);
      timer.unref?.();
    },
    tick(failed) {
      done += 1;
      if (failed) errors += 1;
      bar?.update(done, { errors });
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      bar?.stop();
      bar = undefined;
    },
  };
}
