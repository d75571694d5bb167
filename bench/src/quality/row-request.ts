import type { ChatRequest } from '@switchyard/core';
import type { LabeledRow } from './labeled-row.js';

/**
 * The chat request a labeled row stands for: its earlier turns as earlier user messages, then the
 * prompt, asked of the router's automatic choice (`model: 'auto'`).
 *
 * @example
 * rowRequest(row).messages.at(-1); // { role: 'user', content: row.prompt }
 */
export function rowRequest(row: Pick<LabeledRow, 'prompt' | 'contextTurns'>): ChatRequest {
  return {
    model: 'auto',
    messages: [
      ...row.contextTurns.map((turn) => ({ role: 'user' as const, content: turn })),
      { role: 'user' as const, content: row.prompt },
    ],
  };
}
