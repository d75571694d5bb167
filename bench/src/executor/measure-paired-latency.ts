import { hrtime } from 'node:process';

/** Settings of {@link measurePairedLatency}. */
export type PairedMeasureOptions = {
  /** Calls of each side before measuring, cycling through the inputs (JIT warm-up, connections). */
  readonly warmupCalls: number;
  /** Measured calls of each side, cycling through the inputs. */
  readonly calls: number;
  /**
   * The measured calls are made in this many alternating blocks (A then B, then B then A, …), so
   * both sides see the same machine conditions (default 10, at most `calls`).
   */
  readonly rounds?: number;
};

/** Per-call latencies of the two sides, in nanoseconds, in call order. */
export type PairedLatencies = { readonly first: Float64Array; readonly second: Float64Array };

/**
 * Times two asynchronous operations over the same inputs, one call at a time (each awaited before
 * the next starts), with `process.hrtime.bigint()` around each call. After a warm-up of both, the
 * measured calls run in alternating blocks, so a change in machine load during the run affects
 * both sides alike.
 *
 * @example
 * const { first, second } = await measurePairedLatency(
 *   (request) => backend.doGenerate({ request, model }),
 *   (request) => router.generate(request),
 *   requests,
 *   { warmupCalls: 2_000, calls: 20_000 },
 * );
 */
export async function measurePairedLatency<Input>(
  first: (input: Input) => Promise<unknown>,
  second: (input: Input) => Promise<unknown>,
  inputs: readonly Input[],
  options: PairedMeasureOptions,
): Promise<PairedLatencies> {
  if (inputs.length === 0) throw new RangeError('no inputs to measure');
  if (!Number.isInteger(options.calls) || options.calls < 1) {
    throw new RangeError(`calls must be a positive integer, got ${options.calls}`);
  }
  const rounds = Math.max(1, Math.min(options.rounds ?? 10, options.calls));
  for (let index = 0; index < options.warmupCalls; index++) {
    const input = inputs[index % inputs.length] as Input;
    await first(input);
    await second(input);
  }
  const latencies = { first: new Float64Array(options.calls), second: new Float64Array(options.calls) };
  let done = 0;
  for (let round = 0; round < rounds; round++) {
    const end = Math.round(((round + 1) * options.calls) / rounds);
    const sides = round % 2 === 0 ? (['first', 'second'] as const) : (['second', 'first'] as const);
    for (const side of sides) {
      const run = side === 'first' ? first : second;
      const into = latencies[side];
      for (let index = done; index < end; index++) {
        const input = inputs[index % inputs.length] as Input;
        const start = hrtime.bigint();
        await run(input);
        into[index] = Number(hrtime.bigint() - start);
      }
    }
    done = end;
  }
  return latencies;
}
