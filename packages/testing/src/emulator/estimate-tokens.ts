/**
 * The emulators' token count: one token per four characters, rounded up. Prompt tokens are the
 * sum over the message texts (and the system prompt); output tokens over the reply text and the
 * tool-call arguments as JSON. Tests can compute expected usage with the same function.
 *
 * @example
 * estimateTokens('Hello from vllm emulator.') // 7
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
