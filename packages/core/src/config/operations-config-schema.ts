import { z } from 'zod';
import { idSchema, millisecondsSchema, positiveIntegerSchema, usdSchema } from './config-field-schemas.js';

/** `health:`: periodic checks on each backend's own endpoint, and the circuit breaker. */
export const healthConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Run periodic health checks.'),
    intervalMs: millisecondsSchema.default(30_000).describe('Time between checks of one backend, in ms.'),
    timeoutMs: millisecondsSchema.default(2_000).describe('Timeout of one check, in ms.'),
    retries: z
      .number()
      .int()
      .nonnegative()
      .max(10)
      .default(2)
      .describe('Extra attempts of a failed check before it counts as a failure.'),
    failureThreshold: positiveIntegerSchema
      .default(5)
      .describe('Consecutive failures (checks or calls) that open the circuit and take the target out.'),
    cooldownMs: millisecondsSchema
      .default(30_000)
      .describe('How long an open circuit stays open before one trial request, in ms.'),
    warmUp: z
      .boolean()
      .default(true)
      .describe('Load the models of local targets at start (backends that support it, e.g. Ollama).'),
    warmUpTimeoutMs: millisecondsSchema
      .default(120_000)
      .describe('Longest wait for one model to load at start, in ms.'),
  })
  .prefault({})
  .describe('Health checks, circuit breaking and warm-up.');

/** `retry:`: retries on the same target before failing over. */
export const retryConfigSchema = z
  .strictObject({
    maxAttempts: positiveIntegerSchema
      .max(10)
      .default(2)
      .describe('Attempts per target, the first included, for retryable errors (rate limits, overload).'),
    backoff: z
      .strictObject({
        initialDelayMs: millisecondsSchema.default(500).describe('Delay before the first retry, in ms.'),
        maxDelayMs: millisecondsSchema.default(8_000).describe('Longest delay between attempts, in ms.'),
        multiplier: z.number().min(1).default(2).describe('Growth of the delay per attempt.'),
        jitter: z
          .boolean()
          .default(true)
          .describe('Shorten each delay by a random amount (up to 25 %), as openai-node does.'),
      })
      .prefault({})
      .describe('Exponential backoff between attempts.'),
    maxRetryAfterMs: millisecondsSchema
      .default(60_000)
      .describe('Longest Retry-After honoured, in ms; a longer wait fails over instead.'),
  })
  .prefault({})
  .describe('Retries of a failed call on the same target.');

/** `validation:`: structured-output validation and what follows a failure. */
export const validationConfigSchema = z
  .strictObject({
    temperatureSteps: z
      .array(z.number().min(0).max(2))
      .min(1)
      .default([0.2, 0.1, 0])
      .describe('Temperatures of the retries after an answer fails validation, in order.'),
    maxAttempts: positiveIntegerSchema
      .max(10)
      .default(3)
      .describe('Attempts on one target, the first included.'),
    escalate: z
      .boolean()
      .default(true)
      .describe('After the last failed attempt, move on to the next fallback (a stronger tier).'),
  })
  .prefault({})
  .describe('Validation of structured output (always against the JSON Schema) and retries.');

/** `metering:`: the call ledger and the savings baseline. */
export const meteringConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Write every call to the ledger.'),
    ledgerPath: z
      .string()
      .min(1)
      .default('switchyard-ledger.jsonl')
      .describe("JSONL ledger file; a relative path is resolved against the config file's folder."),
    baselineTarget: idSchema
      .optional()
      .describe('Cloud target whose prices the savings report compares against (what it would have cost).'),
    baselinePrice: z
      .strictObject({
        input: usdSchema.describe('USD per 1M input tokens.'),
        output: usdSchema.describe('USD per 1M output tokens.'),
        cachedInput: usdSchema.optional().describe('USD per 1M cached input tokens.'),
      })
      .optional()
      .describe('Per-token prices to compare against instead of a target (a model you do not route to).'),
    fallbackAlertRate: z
      .number()
      .gt(0)
      .max(1)
      .default(0.15)
      .describe('Share of requests with a fallback above which the ledger summary raises an alert.'),
  })
  .refine((metering) => metering.baselineTarget === undefined || metering.baselinePrice === undefined, {
    error: 'give at most one of baselineTarget or baselinePrice',
  })
  .prefault({})
  .describe('Metering: one ledger line per call, with cost and savings.');

/** `router:`: the routing engine. */
export const routerConfigSchema = z
  .strictObject({
    maxFallbacks: z
      .number()
      .int()
      .nonnegative()
      .max(20)
      .default(3)
      .describe('Most fallback hops kept after the primary.'),
  })
  .prefault({})
  .describe('Routing engine settings.');

const policyNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a policy name (lowercase letters, digits, -)');

/** `policies:`: the policies in order, each a name or `{ name, options }`. */
export const policiesConfigSchema = z
  .array(
    z.union(
      [
        policyNameSchema,
        z.strictObject({
          name: policyNameSchema.describe('Policy name, e.g. context-fit.'),
          options: z.record(z.string(), z.unknown()).optional().describe("The policy's options."),
        }),
      ],
      { error: 'expected a policy name or { name, options }' },
    ),
  )
  .describe(
    'Policies applied in order; each a name or { name, options }. Default: the built-in default list.',
  );
