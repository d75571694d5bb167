import type { EventEmitter } from 'eventemitter3';
import type { PerTokenPrice } from '../cost/per-token-price.js';
import type { RouterEvents } from '../spec/router-events.js';
import type { Target } from '../spec/target.js';
import type { MeteringSink } from './metering-sink.js';
import { resolveBaselinePrice } from './resolve-baseline-price.js';
import { toLedgerRecord } from './to-ledger-record.js';

/** Settings of {@link createMeter}. Give `router`, or `events` (and `targets`). */
export type MeterOptions = {
  /** The router to meter: its events and targets. */
  readonly router?: { readonly events: RouterEventSource; readonly targets: readonly Target[] };
  /** Router events, when metering without the router object. */
  readonly events?: RouterEventSource;
  /** Targets, for prices and the baseline (default: the router's). */
  readonly targets?: readonly Target[];
  /** Where the records go (each gets every record). */
  readonly sinks: readonly MeteringSink[];
  /** Savings baseline: a target id (with a per-token price) or a per-token price. */
  readonly baseline?: string | PerTokenPrice;
  /** Clock for timestamps (default `Date.now`). */
  readonly now?: () => number;
  /** Called when building a record or a sink's `write` throws (default: a process warning). */
  readonly onError?: (error: unknown) => void;
};

/** The part of the router's event emitter the meter uses. */
export type RouterEventSource = Pick<EventEmitter<RouterEvents>, 'on' | 'off'>;

/** A running meter. */
export type Meter = {
  /** Records handed to the sinks so far. */
  readonly recorded: number;
  /** Resolves when every sink stored what it was given. */
  flush(): Promise<void>;
  /** Stops listening, then flushes and closes every sink. */
  close(): Promise<void>;
};

/** Request models remembered between `route-end` and `request-end` (routes never executed age out). */
const maxPendingModels = 10_000;

/**
 * Meters a router: writes one {@link LedgerRecord} per request that went through `generate`,
 * `stream` or `generateObject` (on `request-end`), to every sink. The work on the request path is
 * building the record and queueing it; sinks store in the background. The caller's `model`
 * (`auto`, an alias) is taken from the `route-end` event of the same request.
 *
 * Throws an {@link InvalidConfigError} when the baseline target is unknown or has no per-token
 * price.
 *
 * @example
 * const meter = createMeter({
 *   router,
 *   sinks: [createJsonlFileSink({ path: config.metering.ledgerPath })],
 *   baseline: config.metering.baselinePrice ?? config.metering.baselineTarget,
 * });
 * // … serve requests …
 * await meter.close();
 */
export function createMeter(options: MeterOptions): Meter {
  const events = options.events ?? options.router?.events;
  if (events === undefined) throw new TypeError('createMeter: pass { router } or { events }');
  const targets = options.targets ?? options.router?.targets ?? [];
  const baseline = resolveBaselinePrice(options.baseline, targets);
  const targetsById = new Map(targets.map((target) => [target.id, target]));
  const now = options.now ?? Date.now;
  const sinks = [...options.sinks];
  const onError =
    options.onError ??
    ((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.emitWarning(`metering: ${message}`, { code: 'SWITCHYARD_METERING' });
    });
  const models = new Map<string, string>();
  let recorded = 0;
  let closed = false;

  const onRouteEnd: RouterEvents['route-end'] = ({ requestId, request }) => {
    models.delete(requestId);
    models.set(requestId, request.model);
    if (models.size > maxPendingModels) {
      const oldest = models.keys().next();
      if (oldest.done !== true) models.delete(oldest.value);
    }
  };

  const onRequestEnd: RouterEvents['request-end'] = (event) => {
    const model = models.get(event.requestId) ?? null;
    models.delete(event.requestId);
    let record: ReturnType<typeof toLedgerRecord>;
    try {
      record = toLedgerRecord(event, { model, baseline, targets: targetsById, now });
    } catch (error) {
      onError(error);
      return;
    }
    recorded += 1;
    for (const sink of sinks) {
      try {
        sink.write(record);
      } catch (error) {
        onError(error);
      }
    }
  };

  events.on('route-end', onRouteEnd);
  events.on('request-end', onRequestEnd);

  async function flush(): Promise<void> {
    await Promise.all(sinks.map((sink) => sink.flush?.()));
  }

  return {
    get recorded() {
      return recorded;
    },
    flush,
    async close() {
      if (!closed) {
        closed = true;
        events.off('route-end', onRouteEnd);
        events.off('request-end', onRequestEnd);
        models.clear();
      }
      const results = await Promise.allSettled(
        sinks.map(async (sink) => {
          await sink.flush?.();
          await sink.close?.();
        }),
      );
      const failure = results.find((result) => result.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
    },
  };
}
