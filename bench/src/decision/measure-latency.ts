import { hrtime } from 'node:process';

/** Settings of {@link measureLatency}. */
export type MeasureOptions = {
  /** Calls made before measuring, cycling through the inputs (JIT warm-up). */
  readonly warmupCalls: number;
  /** Calls measured, cycling through the inputs. */
  readonly calls: number;
};

/**
 * Times each call of `run` over the inputs with `process.hrtime.bigint()`, after a warm-up.
 * Returns one latency per measured call, in nanoseconds. Results of `run` are kept in a sink so
 * the JIT cannot drop the work.
 *
 * @example
 * const latencies = measureLatency((request) => router.route(request), requests, { warmupCalls: 5_000, calls: 20_000 });
 */
export function measureLatency<Input>(
  run: (input: Input) => unknown,
  inputs: readonly Input[],
  options: MeasureOptions,
): Float64Array {
  if (inputs.length === 0) throw new RangeError('no inputs to measure');
  let sink = 0;
  const consume = (result: unknown) => {
    if (result !== undefined) sink++;
  };
  for (let index = 0; index < options.warmupCalls; index++)
    consume(run(inputs[index % inputs.length] as Input));
  const latencies = new Float64Array(options.calls);
  for (let index = 0; index < options.calls; index++) {
    const input = inputs[index % inputs.length] as Input;
    const start = hrtime.bigint();
    const result = run(input);
    const end = hrtime.bigint();
    consume(result);
    latencies[index] = Number(end - start);
  }
  if (sink < 0) console.log(sink);
  return latencies;
}

/**
 * Cost of the timer itself: the median of back-to-back `hrtime.bigint()` pairs, in nanoseconds.
 * It is included in every latency measured, so it is reported next to them.
 *
 * @example
 * timerOverheadNanoseconds(); // ~40 on a modern x86 machine
 */
export function timerOverheadNanoseconds(samples = 100_000): number {
  const gaps = new Float64Array(samples);
  for (let index = 0; index < samples; index++) {
    const start = hrtime.bigint();
    gaps[index] = Number(hrtime.bigint() - start);
  }
  gaps.sort();
  return gaps[Math.floor(samples / 2)] as number;
}
