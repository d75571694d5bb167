import { z } from 'zod';
import { idSchema, millisecondsSchema, positiveIntegerSchema, usdSchema } from './config-field-schemas.js';

const capabilitiesSchema = z
  .strictObject({
    contextWindow: positiveIntegerSchema.describe('Context window in tokens (prompt + output).'),
    maxOutputTokens: positiveIntegerSchema
      .optional()
      .describe('Largest output the target produces, in tokens, when it has its own cap.'),
    tools: z.boolean().default(false).describe('Whether the target accepts `tools`.'),
    maxTools: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe("Most tools in one request it handles reliably (unset: the tool-depth policy's default)."),
    maxToolChainDepth: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe(
        "Deepest chain of tool-call rounds it handles reliably (unset: the tool-depth policy's default).",
      ),
    structuredOutput: z
      .enum(['native', 'json-mode', 'none'])
      .default('none')
      .describe(
        'How it honours `response_format`: native = schema-constrained decoding, json-mode = valid JSON ' +
          'without the schema enforced, none = no JSON support.',
      ),
    vision: z.boolean().default(false).describe('Whether it accepts image inputs.'),
  })
  .describe('What the target can serve; policies filter on these.');

const priceSchema = z
  .strictObject({
    perToken: z
      .strictObject({
        input: usdSchema.describe('USD per 1M input tokens.'),
        output: usdSchema.describe('USD per 1M output tokens.'),
        cachedInput: usdSchema.optional().describe('USD per 1M cached input tokens.'),
      })
      .optional()
      .describe('Per-token billing (cloud APIs).'),
    gpuHourly: z
      .strictObject({
        usdPerHour: usdSchema.describe('USD per hour of the GPU or machine the target runs on.'),
        expectedOutputTokensPerSecond: z
          .number()
          .positive()
          .optional()
          .describe('Expected generation speed, to estimate busy time before a call (default 30).'),
        expectedPromptTokensPerSecond: z
          .number()
          .positive()
          .optional()
          .describe('Expected prompt processing speed (default 1000).'),
      })
      .optional()
      .describe('GPU time (self-hosted): hourly rate × busy time.'),
  })
  .refine((price) => (price.perToken === undefined) !== (price.gpuHourly === undefined), {
    error: 'give exactly one of perToken or gpuHourly',
  })
  .describe('What a call costs: `perToken` (cloud) or `gpuHourly` (self-hosted). Never silently free.');

/** One entry of `targets:`: a model on a backend, with its capabilities as data. */
export const targetConfigSchema = z.strictObject({
  id: idSchema.describe('Unique target id, e.g. `llamacpp-qwen2.5-14b-q4`.'),
  backend: idSchema.describe('Id of the backend (a key under `backends`) that serves it.'),
  model: z.string().min(1).describe('Model name as the backend knows it.'),
  quantization: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,32}$/, 'must be a quantization name such as Q4_K_M, Q8_0, fp8 or awq')
    .nullable()
    .optional()
    .describe('Quantization (Q4_K_M, Q5_K_S, Q8_0, fp16, fp8, awq…); null or unset where it does not apply.'),
  tier: z
    .literal([1, 2, 3])
    .optional()
    .describe(
      '1 = local small (7–14B), 2 = local large (70B), 3 = cloud frontier. Default: 3 for cloud, 1 for local.',
    ),
  locality: z
    .enum(['local', 'cloud'])
    .optional()
    .describe(
      "Where it runs. Default: the backend's locality. `local-only` requests only reach local targets.",
    ),
  capabilities: capabilitiesSchema,
  memoryGb: z.number().positive().optional().describe('Memory the model needs at this quantization, in GB.'),
  price: priceSchema.optional(),
  timeoutMs: millisecondsSchema
    .optional()
    .describe("Total timeout of one call, in ms. Default: the backend's timeoutMs, else 60000."),
  firstTokenTimeoutMs: millisecondsSchema
    .optional()
    .describe('Time allowed until the first streamed token, in ms.'),
  maxConcurrency: positiveIntegerSchema
    .optional()
    .describe('Most requests in flight at once on this target.'),
  tags: z.array(z.string().min(1)).optional().describe('Free-form labels for policies and reports.'),
  prompt: z
    .strictObject({
      system: z.string().min(1).describe('System prompt text for this target.'),
      mode: z
        .enum(['prepend', 'append', 'replace'])
        .optional()
        .describe("How it combines with the request's own system message (default prepend)."),
    })
    .optional()
    .describe('Prompt override: small local models often need more explicit instructions.'),
});

/** `targets:`: the list of routable targets. */
export const targetsConfigSchema = z
  .array(targetConfigSchema)
  .min(1, 'list at least one target')
  .describe('Every target the router may choose from.');

/** A target entry as written in the config file. */
export type TargetConfigInput = z.output<typeof targetConfigSchema>;
