import { parseConfig, type SwitchyardConfig } from '@switchyard/core';
import OpenAI from 'openai';
import pino from 'pino';
import {
  createGatewayFromConfig,
  type GatewayFromConfig,
  type GatewayFromConfigOptions,
} from '../create-gateway-from-config.js';

/** A gateway on a free port, its OpenAI client and its captured log lines. */
export type GatewayHarness = GatewayFromConfig & {
  readonly url: string;
  readonly config: SwitchyardConfig;
  readonly client: OpenAI;
  /** Every log line, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Every log line as written. */
  readonly logText: string[];
};

/**
 * Starts a gateway for a config object on 127.0.0.1:0 with fast retries (no backoff waits), a
 * captured pino logger and an official `openai` client (no client retries). Unlike the product
 * defaults, no ledger is written unless `options.metering` asks for one, and models are not warmed
 * up unless the config's `health.warmUp` says so (a warm-up call would consume emulator faults).
 */
export async function startGatewayHarness(
  configObject: object,
  options: GatewayFromConfigOptions & {
    readonly env?: Record<string, string | undefined>;
    readonly apiKey?: string;
  } = {},
): Promise<GatewayHarness> {
  const health = (configObject as { health?: Record<string, unknown> }).health;
  const config = parseConfig(
    { ...configObject, health: { warmUp: false, ...health } },
    { env: options.env ?? {} },
  );
  const logText: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        logText.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  const { env: _env, apiKey, ...rest } = options;
  const built = await createGatewayFromConfig(config, {
    logger,
    execution: { backoff: { initialDelayMs: 1, maxDelayMs: 5, jitter: false } },
    metering: false,
    ...rest,
  });
  const { url } = await built.gateway.listen(0, '127.0.0.1');
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: apiKey ?? 'not-needed', maxRetries: 0 });
  return { ...built, url, config, client, logs, logText };
}

/** A target entry for a config, with the capabilities most tests need. */
export function targetEntry(
  id: string,
  backend: string,
  model: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    backend,
    model,
    capabilities: { contextWindow: 32_768, tools: true, structuredOutput: 'native' },
    ...extra,
  };
}
