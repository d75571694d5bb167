import type { OpenAICompatibleSettings } from '@switchyard/backend-kit';

/** Settings of `createOpenAICompatible`: any server that speaks OpenAI chat completions. */
export type GenericOpenAICompatibleSettings = OpenAICompatibleSettings & {
  /** Output-limit field the server honours. Default `max_tokens` (accepted almost everywhere). */
  readonly maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Send `developer` messages as `system` (for servers whose chat templates lack it). Default false. */
  readonly developerRoleAsSystem?: boolean;
  /** Fail calls without a key (`unauthorized`) instead of sending none. Default false. */
  readonly requireApiKey?: boolean;
};
