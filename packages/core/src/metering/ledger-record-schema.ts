import { z } from 'zod';

const tierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const localitySchema = z.enum(['local', 'cloud']);
const countSchema = z.number().int().nonnegative();
const millisecondsSchema = z.number().nonnegative();

const ledgerAttemptSchema = z.looseObject({
  target: z.string(),
  backend: z.string(),
  kind: z.string(),
  model: z.string(),
  tier: tierSchema,
  locality: localitySchema,
  hop: countSchema,
  retry: countSchema,
  status: z.enum(['ok', 'error', 'rejected']),
  errorCode: z.string().nullable(),
  rejectedBy: z.enum(['validation', 'quality-gate']).nullable(),
  latencyMs: millisecondsSchema,
  ttftMs: millisecondsSchema.nullable(),
  inputTokens: countSchema,
  outputTokens: countSchema,
  cachedInputTokens: countSchema,
  costUsd: z.number().nullable(),
  costBasis: z.enum(['per-token', 'gpu-hourly', 'provider-reported', 'unpriced']),
});

/**
 * What a ledger line must hold to be read back (version 1). Unknown fields are kept, so a newer
 * writer's extra fields do not make a line unreadable.
 *
 * @example
 * const result = ledgerRecordSchema.safeParse(JSON.parse(line));
 */
export const ledgerRecordSchema = z.looseObject({
  version: z.literal(1),
  timestamp: z.string(),
  requestId: z.string(),
  outcome: z.enum(['success', 'error']),
  errorCode: z.string().nullable(),
  model: z.string().nullable(),
  stream: z.boolean(),
  task: z.string(),
  complexity: z.string(),
  privacy: z.enum(['local-only', 'any']),
  decision: z.looseObject({
    target: z.string(),
    tier: tierSchema,
    locality: localitySchema,
    decidedBy: z.string().nullable(),
    reasons: z.array(z.string()),
    fallbacks: z.array(z.string()),
  }),
  target: z.string().nullable(),
  backend: z.string().nullable(),
  kind: z.string().nullable(),
  servedModel: z.string().nullable(),
  tier: tierSchema.nullable(),
  locality: localitySchema.nullable(),
  attempts: z.array(ledgerAttemptSchema),
  retries: countSchema,
  fallbacks: z.array(z.looseObject({ from: z.string(), to: z.string(), cause: z.string() })),
  escalations: z.array(z.looseObject({ from: z.string(), to: z.string(), reason: z.string() })),
  validationFailures: z.array(
    z.looseObject({ target: z.string(), hop: countSchema, retry: countSchema, errorCount: countSchema }),
  ),
  skipped: z.array(z.looseObject({ target: z.string(), reason: z.string() })),
  tokens: z.looseObject({
    input: countSchema,
    output: countSchema,
    cachedInput: countSchema,
    reasoning: countSchema,
  }),
  costUsd: z.number(),
  unpricedAttempts: countSchema,
  baselineCostUsd: z.number().nullable(),
  savingsUsd: z.number().nullable(),
  latencyMs: millisecondsSchema,
  ttftMs: millisecondsSchema.nullable(),
});
