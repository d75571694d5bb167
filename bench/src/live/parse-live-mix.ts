import type { WorkloadKind } from '../workload/workload-item.js';

/** Names `--mix` accepts, short and long, for each kind of workload request. */
export const liveMixNames: Readonly<Record<string, WorkloadKind>> = {
  plain: 'plain-chat',
  'plain-chat': 'plain-chat',
  chat: 'multi-turn-chat',
  'multi-turn': 'multi-turn-chat',
  'multi-turn-chat': 'multi-turn-chat',
  tools: 'tool-call',
  'tool-call': 'tool-call',
  chains: 'tool-chain',
  'tool-chain': 'tool-chain',
  structured: 'structured-output',
  'structured-output': 'structured-output',
  long: 'long-context',
  'long-context': 'long-context',
  image: 'image',
};

/** The default `--mix`: half plain chat, a quarter tool calls, a quarter structured output. */
export const defaultLiveMix = 'plain=2,tools=1,structured=1';

/**
 * Parses `--mix`: comma-separated kinds, each optionally weighted (`plain,tools,structured` is
 * an even mix; `plain=2,tools=1` two plain requests per tool request). Names are those of
 * {@link liveMixNames}. Throws a `RangeError` naming the bad entry and the accepted names.
 *
 * @example
 * parseLiveMix('plain=2,structured'); // { 'plain-chat': 2, 'structured-output': 1 }
 */
export function parseLiveMix(text: string): Partial<Record<WorkloadKind, number>> {
  const mix: Partial<Record<WorkloadKind, number>> = {};
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new RangeError(`--mix: no kinds given; accepted: ${acceptedNames()}`);
  for (const entry of entries) {
    const [name = '', weightText, extra] = entry.split('=').map((part) => part.trim());
    const kind = Object.hasOwn(liveMixNames, name) ? liveMixNames[name] : undefined;
    if (kind === undefined) {
      throw new RangeError(`--mix: unknown kind '${name}'; accepted: ${acceptedNames()}`);
    }
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (extra !== undefined || !Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`--mix: '${entry}' needs a positive weight (kind=weight)`);
    }
    mix[kind] = (mix[kind] ?? 0) + weight;
  }
  return mix;
}

function acceptedNames(): string {
  return Object.keys(liveMixNames).join(', ');
}
