// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template
import { z } from 'zod';
import {
  environmentVariableNameSchema,
  httpUrlSchema,
  idSchema,
  millisecondsSchema,
} from './config-field-schemas.js';

const httpHeaderNameSchema = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name');

const connectionFields = {
  apiKey: z
    .string()
    .min(1)
    .optional()
    .describe('API key, usually `${SOME_ENV_VAR}`. Prefer `apiKeyEnv`, which is read at call time.'),
  apiKeyEnv: environmentVariableNameSchema
    .optional()
    .describe(
      'Name of the environment variable holding the API key, read when a call is made. Default for ' +
        'openai: OPENAI_API_KEY, openrouter: OPENROUTER_API_KEY, anthropic: ANTHROPIC_API_KEY.',
    ),
  headers: z
    .record(httpHeaderNameSchema, z.string())
    .optional()
    .describe('Extra HTTP headers sent with every call (values may use `${ENV_VAR}`).'),
};

const commonFields = {
  timeoutMs: millisecondsSchema
    .optional()
    .describe("Default total timeout of this backend's targets, in ms (a target's own `timeoutMs` wins)."),
  locality: z
    .enum(['local', 'cloud'])
    .optional()
    .describe(
      "Where this backend's targets run. Default: cloud for openai, openrouter and anthropic; local for " +
        'ollama, llamacpp, vllm, tgi and embedded; for openai-compatible, local when baseUrl is a ' +
        'loopback, private-network or bare host name, else cloud.',
    ),
  options: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Adapter-specific settings, passed to the adapter unchanged.'),
};

const serverBackendSchema = z.strictObject({
  kind: z
    .enum(['ollama', 'llamacpp', 'vllm', 'tgi', 'openai', 'openrouter', 'anthropic'])
    .describe('Which server or vendor this is.'),
  baseUrl: httpUrlSchema
    .optional()
    .describe(
      'Server address. Defaults: ollama http://127.0.0.1:11434, llamacpp http://127.0.0.1:8080, vllm ' +
        'http://127.0.0.1:8000, tgi http://127.0.0.1:3000, openai https://api.openai.com/v1, openrouter ' +
        'https://openrouter.ai/api/v1, anthropic https://api.anthropic.com.',
    ),
  ...connectionFields,
  ...commonFields,
});

const openAiCompatibleBackendSchema = z.strictObject({
  kind: z.literal('openai-compatible').describe('Any server speaking the OpenAI chat-completions API.'),
  baseUrl: httpUrlSchema.describe('The URL in front of `/chat/completions`, e.g. http://127.0.0.1:1234/v1.'),
  ...connectionFields,
  ...commonFields,
});

const embeddedBackendSchema = z.strictObject({
  kind: z.literal('embedded').describe('A GGUF model run in-process through node-llama-cpp.'),
  modelPath: z
    .string()
    .min(1)
    .describe("Path of the GGUF file; a relative path is resolved against the config file's folder."),
  timeoutMs: commonFields.timeoutMs,
  options: commonFields.options,
});

/** One entry under `backends:`: a server connection. */
export const backendConfigSchema = z.discriminatedUnion('kind', [
  serverBackendSchema,
  openAiCompatibleBackendSchema,
  embeddedBackendSchema,
]);

/** `backends:`: backend id → connection. */
export const backendsConfigSchema = z
  .record(idSchema, backendConfigSchema)
  .describe('Server connections by id. Targets refer to them by this id.');

/** A backend entry as written in the config file. */
export type BackendConfigInput = z.output<typeof backendConfigSchema>;
