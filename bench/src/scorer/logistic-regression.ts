import type { TrainingExample } from './training-example.js';

/** Settings of {@link trainLogisticRegression}. */
export type LogisticRegressionOptions = {
  /** L2 penalty on the weights (not the bias), per unit of example weight. */
  readonly l2: number;
  /** Most L-BFGS iterations (default 200). */
  readonly maxIterations?: number;
  /** Stop when the loss falls by less than this, relatively, over one iteration (default 1e-7). */
  readonly tolerance?: number;
  /** L-BFGS history length (default 10). */
  readonly history?: number;
  /** Only these buckets may get a weight (for refitting after pruning); default all. */
  readonly allowed?: ReadonlySet<number>;
};

/** A fitted model: the bias and a weight per bucket that got one. */
export type LogisticRegressionModel = {
  readonly bias: number;
  readonly weights: ReadonlyMap<number, number>;
  /** Regularised training loss after each iteration (the first entry is the starting loss). */
  readonly lossHistory: readonly number[];
};

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

type CompactExample = { indices: Int32Array; values: Float64Array; label: number; weight: number };

/**
 * Fits an L2-regularised logistic regression by L-BFGS (full batch, deterministic): minimises
 * Σ wᵢ·logloss(yᵢ, σ(b + x·θ)) / Σ wᵢ + l2/2·‖θ‖². Labels may be soft (0–1). Only buckets that
 * occur in the examples become parameters, so the working vectors stay small.
 *
 * @example
 * const model = trainLogisticRegression(examples, { l2: 1e-3 });
 * model.lossHistory.at(-1) < model.lossHistory[0]; // true
 */
export function trainLogisticRegression(
  examples: readonly TrainingExample[],
  options: LogisticRegressionOptions,
): LogisticRegressionModel {
  const compactOf = new Map<number, number>();
  const bucketOf: number[] = [];
  const compact: CompactExample[] = [];
  let totalWeight = 0;
  for (const example of examples) {
    const indices: number[] = [];
    const values: number[] = [];
    for (let position = 0; position < example.indices.length; position++) {
      const bucket = example.indices[position] as number;
      if (options.allowed !== undefined && !options.allowed.has(bucket)) continue;
      let index = compactOf.get(bucket);
      if (index === undefined) {
        index = bucketOf.length;
        compactOf.set(bucket, index);
        bucketOf.push(bucket);
      }
      indices.push(index);
      values.push(example.values[position] as number);
    }
    compact.push({
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
      label: example.label,
      weight: example.weight,
    });
    totalWeight += example.weight;
  }
  if (totalWeight <= 0) throw new Error('cannot train on an empty (or zero-weight) set of examples');

  const dimension = bucketOf.length + 1; // the bias is the last parameter
  const biasIndex = dimension - 1;
  const l2 = options.l2;

  const evaluate = (parameters: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    const bias = parameters[biasIndex] as number;
    for (const example of compact) {
      let z = bias;
      for (let position = 0; position < example.indices.length; position++) {
        z +=
          (parameters[example.indices[position] as number] as number) * (example.values[position] as number);
      }
      loss += example.weight * (softplus(z) - example.label * z);
      const probability = 1 / (1 + Math.exp(-z));
      const residual = (example.weight * (probability - example.label)) / totalWeight;
      for (let position = 0; position < example.indices.length; position++) {
        const index = example.indices[position] as number;
        gradient[index] = (gradient[index] as number) + residual * (example.values[position] as number);
      }
      gradient[biasIndex] = (gradient[biasIndex] as number) + residual;
    }
    loss /= totalWeight;
    let penalty = 0;
    for (let index = 0; index < biasIndex; index++) {
      const parameter = parameters[index] as number;
      penalty += parameter * parameter;
      gradient[index] = (gradient[index] as number) + l2 * parameter;
    }
    return loss + (l2 / 2) * penalty;
  };

  const parameters = minimizeLbfgs(evaluate, dimension, {
    maxIterations: options.maxIterations ?? 200,
    tolerance: options.tolerance ?? 1e-7,
    history: options.history ?? 10,
  });
  const weights = new Map<number, number>();
  bucketOf.forEach((bucket, index) => {
    const value = parameters.solution[index] as number;
    if (value !== 0) weights.set(bucket, value);
  });
  return { bias: parameters.solution[biasIndex] as number, weights, lossHistory: parameters.lossHistory };
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] as number) * (right[index] as number);
  return sum;
}

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, from the zero vector.
 * `evaluate(x, gradient)` returns f(x) and writes ∇f(x) into `gradient`.
 */
function minimizeLbfgs(
  evaluate: (parameters: Float64Array, gradient: Float64Array) => number,
  dimension: number,
  settings: { maxIterations: number; tolerance: number; history: number },
): { solution: Float64Array; lossHistory: number[] } {
  let x = new Float64Array(dimension);
  let gradient = new Float64Array(dimension);
  let loss = evaluate(x, gradient);
  const lossHistory = [loss];
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const direction = new Float64Array(dimension);
  const alphas = new Array<number>(settings.history);
  for (let iteration = 0; iteration < settings.maxIterations; iteration++) {
    // Two-loop recursion: direction = −H·gradient.
    direction.set(gradient);
    for (let slot = steps.length - 1; slot >= 0; slot--) {
      const alpha = (rhos[slot] as number) * dot(steps[slot] as Float64Array, direction);
      alphas[slot] = alpha;
      const change = changes[slot] as Float64Array;
      for (let index = 0; index < dimension; index++) {
        direction[index] = (direction[index] as number) - alpha * (change[index] as number);
      }
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const change = changes[last] as Float64Array;
      const scale = dot(steps[last] as Float64Array, change) / dot(change, change);
      for (let index = 0; index < dimension; index++) direction[index] = (direction[index] as number) * scale;
    } else {
      const norm = Math.sqrt(dot(gradient, gradient));
      if (norm === 0) break;
      for (let index = 0; index < dimension; index++) direction[index] = (direction[index] as number) / norm;
    }
    for (let slot = 0; slot < steps.length; slot++) {
      const beta = (rhos[slot] as number) * dot(changes[slot] as Float64Array, direction);
      const step = steps[slot] as Float64Array;
      const alpha = alphas[slot] as number;
      for (let index = 0; index < dimension; index++) {
        direction[index] = (direction[index] as number) + (alpha - beta) * (step[index] as number);
      }
    }
    for (let index = 0; index < dimension; index++) direction[index] = -(direction[index] as number);
    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      rhos.length = 0;
      for (let index = 0; index < dimension; index++) direction[index] = -(gradient[index] as number);
      slope = dot(gradient, direction);
    }
    let stepSize = 1;
    const nextX = new Float64Array(dimension);
    const nextGradient = new Float64Array(dimension);
    let nextLoss = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 40; attempt++) {
      for (let index = 0; index < dimension; index++) {
        nextX[index] = (x[index] as number) + stepSize * (direction[index] as number);
      }
      nextLoss = evaluate(nextX, nextGradient);
      if (nextLoss <= loss + 1e-4 * stepSize * slope) break;
      stepSize /= 2;
    }
    if (!(nextLoss < loss)) break;
    const step = new Float64Array(dimension);
    const change = new Float64Array(dimension);
    for (let index = 0; index < dimension; index++) {
      step[index] = (nextX[index] as number) - (x[index] as number);
      change[index] = (nextGradient[index] as number) - (gradient[index] as number);
    }
    const curvature = dot(step, change);
    if (curvature > 1e-12) {
      if (steps.length === settings.history) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
      steps.push(step);
      changes.push(change);
      rhos.push(1 / curvature);
    }
    const decrease = (loss - nextLoss) / Math.max(Math.abs(loss), 1e-12);
    x = nextX;
    gradient = nextGradient;
    loss = nextLoss;
    lossHistory.push(loss);
    if (decrease < settings.tolerance) break;
  }
  return { solution: x, lossHistory };
}
