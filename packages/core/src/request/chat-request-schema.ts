import { z } from 'zod';

/**
 * The inbound request: an OpenAI chat-completions body plus an optional `switchyard` extension
 * object of routing hints. Known fields are validated strictly; unknown top-level fields pass
 * through untouched (backends have their own extras such as `top_k`), while the `switchyard`
 * object itself is strict because it is ours.
 */

const textPartSchema = z.object({ type: z.literal('text'), text: z.string() });
const imagePartSchema = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const audioPartSchema = z.object({
  type: z.literal('input_audio'),
  input_audio: z.object({ data: z.string(), format: z.string() }),
});
const filePartSchema = z.object({
  type: z.literal('file'),
  file: z.looseObject({ file_data: z.string().optional(), file_id: z.string().optional() }),
});

const userPartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  imagePartSchema,
  audioPartSchema,
  filePartSchema,
]);
const refusalPartSchema = z.object({ type: z.literal('refusal'), refusal: z.string() });

const toolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const systemMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer']),
  content: z.union([z.string(), z.array(textPartSchema)]),
  name: z.string().optional(),
});
const userMessageSchema = z.looseObject({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(userPartSchema)]),
  name: z.string().optional(),
});
const assistantMessageSchema = z.looseObject({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(z.union([textPartSchema, refusalPartSchema])), z.null()]).optional(),
  tool_calls: z.array(toolCallSchema).optional(),
  refusal: z.string().nullable().optional(),
  name: z.string().optional(),
});
const toolMessageSchema = z.looseObject({
  role: z.literal('tool'),
  tool_call_id: z.string(),
  content: z.union([z.string(), z.array(textPartSchema)]),
});

/** One chat message (system/developer, user, assistant, or tool result). */
export const chatMessageSchema = z.discriminatedUnion('role', [
  systemMessageSchema,
  userMessageSchema,
  assistantMessageSchema,
  toolMessageSchema,
]);

/** A function tool definition. `parameters` is a JSON Schema, kept as given. */
export const toolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z
      .string()
      .regex(/^[a-zA-Z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, underscores, dots or dashes'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
]);

/** `response_format`: text, JSON mode, or a JSON Schema. */
export const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, underscores or dashes'),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

/** Tier as a hint: 1/2/3 or the names `small`, `large`, `cloud`. */
export const tierHintSchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.enum(['small', 'large', 'cloud']),
]);

/** The `switchyard` extension: routing hints for this request. */
export const routingHintsSchema = z.strictObject({
  /** `local-only` keeps the request on local targets at every hop. */
  privacy: z.enum(['local-only', 'any']).optional(),
  /** Ask for a tier: 1 local small, 2 local large, 3 cloud. */
  tier: tierHintSchema.optional(),
  /** Most this request may cost, in USD (estimated before the call). */
  maxCostUsd: z.number().nonnegative().optional(),
  /** Latency budget for the whole request, in ms. */
  latencyBudgetMs: z.number().int().positive().optional(),
  /** Labels for metering and policies. */
  tags: z.array(z.string()).optional(),
  /** Caller-supplied request id (else one is generated). */
  requestId: z.string().min(1).max(200).optional(),
});

/** The full chat request schema. */
export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(chatMessageSchema),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: responseFormatSchema.optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  seed: z.number().int().nullable().optional(),
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  logprobs: z.boolean().nullable().optional(),
  top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  user: z.string().optional(),
  switchyard: routingHintsSchema.optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ChatTool = z.infer<typeof toolSchema>;
export type ResponseFormat = z.infer<typeof responseFormatSchema>;
export type RoutingHints = z.infer<typeof routingHintsSchema>;
export type TierHint = z.infer<typeof tierHintSchema>;
