/**
 * The best APGR per benchmark reported by RouteLLM (Ong et al., "RouteLLM: Learning to Route
 * LLMs with Preference Data", arXiv 2406.18665) for Mixtral-8x7B vs gpt-4-1106-preview, keyed by
 * the source name the labeled data uses.
 */
export const routeLlmBestApgr: Readonly<
  Record<string, { readonly benchmark: string; readonly apgr: number }>
> = {
  'routellm/mt_bench': { benchmark: 'MT-Bench', apgr: 0.802 },
  'routellm/mmlu': { benchmark: 'MMLU', apgr: 0.603 },
  'routellm/gsm8k': { benchmark: 'GSM8K', apgr: 0.622 },
};
