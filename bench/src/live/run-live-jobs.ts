import type { RequestEndEvent, Router } from '@switchyard/core';
import { executeLiveRequest } from './execute-live-request.js';
import type { LiveRequestRecord } from './live-request-record.js';
import type { LiveItem, LiveLane } from './select-live-requests.js';

/** One request to send through one lane. */
export type LiveJob = { readonly lane: LiveLane; readonly item: LiveItem };

/** Settings of {@link runLiveJobs}. */
export type LiveJobsOptions = {
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** After this many ms no request starts, and those in flight are aborted (recorded as `cut`). */
  readonly deadlineMs: number;
  /** Called as each request settles (progress). */
  readonly onSettled?: (record: LiveRequestRecord) => void;
  /** Clock in ms (default `performance.now`). */
  readonly now?: () => number;
};

/** What a run of jobs produced. */
export type LiveJobsResult = {
  /** One record per started job, ordered by request then lane. */
  readonly records: readonly LiveRequestRecord[];
  /** Wall clock of the run, in ms. */
  readonly wallMs: number;
  readonly deadlineReached: boolean;
  /** Jobs never started because the deadline passed first. */
  readonly notStarted: number;
};

/**
 * Sends the jobs with at most `concurrency` in flight, in order, bounded by the job count and a
 * deadline. Each request's executor record comes from its router's `request-end` event.
 *
 * @example
 * const { records, wallMs } = await runLiveJobs(items.map((item) => ({ lane, item })), {
 *   concurrency: 4,
 *   deadlineMs: 300_000,
 * });
 */
export async function runLiveJobs(
  jobs: readonly LiveJob[],
  options: LiveJobsOptions,
): Promise<LiveJobsResult> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
  }
  const now = options.now ?? (() => performance.now());
  const ends = new Map<string, RequestEndEvent>();
  const onRequestEnd = (event: RequestEndEvent) => {
    ends.set(event.requestId, event);
  };
  const routers = new Set<Router>(jobs.map((job) => job.lane.router));
  for (const router of routers) router.events.on('request-end', onRequestEnd);
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new Error('the run reached its deadline')),
    options.deadlineMs,
  );
  const records: LiveRequestRecord[] = [];
  const startedAt = now();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length && !deadline.signal.aborted) {
      const job = jobs[next] as LiveJob;
      next += 1;
      const record = await executeLiveRequest(job.lane, job.item, {
        signal: deadline.signal,
        takeRequestEnd: (requestId) => {
          const event = ends.get(requestId);
          ends.delete(requestId);
          return event;
        },
        now,
      });
      records.push(record);
      options.onSettled?.(record);
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency, Math.max(jobs.length, 1)) }, worker),
    );
  } finally {
    clearTimeout(timer);
    for (const router of routers) router.events.off('request-end', onRequestEnd);
  }
  const laneOrder = new Map<string, number>();
  for (const job of jobs) if (!laneOrder.has(job.lane.name)) laneOrder.set(job.lane.name, laneOrder.size);
  records.sort((a, b) => a.index - b.index || (laneOrder.get(a.lane) ?? 0) - (laneOrder.get(b.lane) ?? 0));
  return {
    records,
    wallMs: now() - startedAt,
    deadlineReached: deadline.signal.aborted,
    notStarted: jobs.length - next,
  };
}
