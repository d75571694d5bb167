import { type ChatRequest, parseChatRequest } from '@switchyard/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDirectory } from '../shared-data.js';
import { buildWorkload, buildWorkloadItems, defaultWorkloadMix } from './build-workload.js';
import { countRequestTokens } from './count-tokens.js';
import { parsePythonCall } from './parse-python-call.js';
import { maxWorkloadToolChainDepth } from './tool-chain-request.js';
import type { WorkloadItem, WorkloadKind } from './workload-item.js';
import { loadWorkloadSources, workloadDataFiles } from './workload-sources.js';

const sharedDir = sharedDataDirectory();
const present = hasSharedData(sharedDir, workloadDataFiles);
const skipReason = `skipped: the public data is not under ${sharedDir} (set SWITCHYARD_SHARED_DIR; see shared/data/README.md)`;

const toolChainDepth = (request: ChatRequest) =>
  request.messages.filter((message) => message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0)
    .length;

describe.skipIf(!present)(present ? 'buildWorkload (real data)' : `buildWorkload — ${skipReason}`, () => {
  let items: WorkloadItem[];
  const byKind = (kind: WorkloadKind) => items.filter((item) => item.kind === kind);

  beforeAll(() => {
    items = buildWorkloadItems({ sharedDir, size: 1_200, seed: 1 });
  }, 60_000);

  it('builds the requested number of requests in the default mix', () => {
    expect(items).toHaveLength(1_200);
    for (const [kind, share] of Object.entries(defaultWorkloadMix) as [WorkloadKind, number][]) {
      expect(byKind(kind).length, kind).toBeGreaterThanOrEqual(Math.floor(1_200 * share));
    }
  });

  it('is deterministic for a seed and varies with it', () => {
    const again = buildWorkload({ sharedDir, size: 1_200, seed: 1 });
    expect(again).toEqual(items.map((item) => item.request));
    const other = buildWorkload({ sharedDir, size: 1_200, seed: 2 });
    expect(other).not.toEqual(again);
  }, 60_000);

  it('holds only requests that parseChatRequest accepts', () => {
    const invalid = items.flatMap((item) => {
      try {
        parseChatRequest(JSON.parse(JSON.stringify(item.request)));
        return [];
      } catch (error) {
        return [`${item.kind} ${item.source}: ${(error as Error).message}`];
      }
    });
    expect(invalid).toEqual([]);
  });

  it('offers 1–40 real tools on tool requests', () => {
    const toolItems = [...byKind('tool-call'), ...byKind('tool-chain')];
    const counts = toolItems.map((item) => item.request.tools?.length ?? 0);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);
    expect(Math.max(...counts)).toBeGreaterThan(8);
    for (const item of toolItems) {
      for (const tool of item.request.tools ?? []) {
        expect(JSON.stringify(tool.function.parameters), `${item.source} ${tool.function.name}`).not.toMatch(
          /"type":"(dict|float|tuple|any)"/,
        );
      }
    }
  });

  it('builds tool chains of depth 1–6, every depth present, each call answered by a tool result', () => {
    const chains = byKind('tool-chain');
    const depths = chains.map((item) => toolChainDepth(item.request));
    expect(new Set(depths)).toEqual(new Set([1, 2, 3, 4, 5, 6].slice(0, maxWorkloadToolChainDepth)));
    for (const item of chains) {
      const messages = item.request.messages;
      messages.forEach((message, index) => {
        if (message.role !== 'assistant' || !message.tool_calls) return;
        const result = messages[index + 1];
        expect(result?.role, item.source).toBe('tool');
        if (result?.role === 'tool') expect(result.tool_call_id).toBe(message.tool_calls[0]?.id);
        const offered = new Set(item.request.tools?.map((tool) => tool.function.name));
        expect(offered.has(message.tool_calls[0]?.function.name ?? ''), item.source).toBe(true);
      });
    }
    expect(depths.every((depth) => depth >= 1)).toBe(true);
    for (const kind of ['plain-chat', 'tool-call', 'structured-output'] as const) {
      expect(
        byKind(kind).every((item) => toolChainDepth(item.request) === 0),
        kind,
      ).toBe(true);
    }
  });

  it('spans short prompts to long contexts of up to ~32k tokens', () => {
    const totals = items.map((item) => countRequestTokens(item.request).total);
    expect(Math.min(...totals)).toBeLessThan(100);
    expect(Math.max(...totals)).toBeLessThanOrEqual(33_000);
    const long = byKind('long-context').map((item) => countRequestTokens(item.request).total);
    expect(Math.min(...long)).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...long)).toBeGreaterThan(28_000);
  }, 60_000);

  it('includes json_schema requests, routing hints, prompt tags and images', () => {
    const schemas = items.filter((item) => item.request.response_format?.type === 'json_schema');
    expect(schemas.length).toBeGreaterThan(50);
    expect(
      schemas.some(
        (item) =>
          item.request.response_format?.type === 'json_schema' &&
          item.request.response_format.json_schema.strict,
      ),
    ).toBe(true);
    for (const item of schemas) {
      const format = item.request.response_format;
      if (format?.type !== 'json_schema' || !format.json_schema.strict) continue;
      // Strict schemas follow OpenAI's rules: closed objects, every property required and typed.
      const text = JSON.stringify(format.json_schema.schema);
      expect(format.json_schema.schema?.additionalProperties, item.source).toBe(false);
      expect(text, item.source).not.toContain('"default"');
    }
    const hints = items.map((item) => item.request.switchyard);
    expect(hints.filter((hint) => hint?.privacy === 'local-only').length).toBeGreaterThan(20);
    expect(hints.filter((hint) => hint?.tier !== undefined).length).toBeGreaterThan(10);
    expect(hints.filter((hint) => hint?.maxCostUsd !== undefined).length).toBeGreaterThan(10);
    const lastUserTexts = items.map((item) =>
      JSON.stringify(item.request.messages.findLast((message) => message.role === 'user')),
    );
    expect(lastUserTexts.filter((text) => text.includes('[cloud] ')).length).toBeGreaterThan(5);
    expect(lastUserTexts.filter((text) => text.includes('[tier2] ')).length).toBeGreaterThan(5);
    const images = items.filter((item) => JSON.stringify(item.request.messages).includes('"image_url"'));
    expect(images.length).toBeGreaterThanOrEqual(byKind('image').length);
  });

  it('uses the model names it is given', () => {
    const mixed = buildWorkload({
      sharedDir,
      size: 200,
      seed: 5,
      models: { auto: 0.5, 'local/qwen2.5-14b': 0.5 },
    });
    const names = new Set(mixed.map((request) => request.model));
    expect(names).toEqual(new Set(['auto', 'local/qwen2.5-14b']));
  });
});

describe.skipIf(!present)(
  present ? 'BFCL accepted calls (real data)' : `BFCL accepted calls — ${skipReason}`,
  () => {
    it('parses every multi-turn accepted call and finds it among the item tools', () => {
      const sources = loadWorkloadSources(sharedDir);
      let calls = 0;
      for (const item of sources.chainItems) {
        const names = new Set(item.functions.map((doc) => doc.name));
        for (const call of item.calls.flat()) {
          expect(names.has(parsePythonCall(call).name), `${item.id}: ${call}`).toBe(true);
          calls++;
        }
      }
      expect(calls).toBeGreaterThan(3_000);
    });
  },
);
