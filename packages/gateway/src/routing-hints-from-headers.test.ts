import { describe, expect, it } from 'vitest';
import { GatewayHttpError } from './gateway-http-error.js';
import { mergeRoutingHints, routingHintsFromHeaders } from './routing-hints-from-headers.js';

describe('routingHintsFromHeaders', () => {
  it.each([
    { headers: {}, hints: undefined },
    { headers: { 'content-type': 'application/json' }, hints: undefined },
    { headers: { 'x-switchyard-privacy': 'local-only' }, hints: { privacy: 'local-only' } },
    { headers: { 'x-switchyard-privacy': ' Local-Only ' }, hints: { privacy: 'local-only' } },
    { headers: { 'x-switchyard-privacy': 'any' }, hints: { privacy: 'any' } },
    { headers: { 'x-switchyard-tier': '2' }, hints: { tier: 2 } },
    { headers: { 'x-switchyard-tier': 'cloud' }, hints: { tier: 'cloud' } },
    { headers: { 'x-switchyard-max-cost-usd': '0.005' }, hints: { maxCostUsd: 0.005 } },
    { headers: { 'x-switchyard-max-cost-usd': '0' }, hints: { maxCostUsd: 0 } },
    { headers: { 'x-switchyard-tags': 'a, b,,c ' }, hints: { tags: ['a', 'b', 'c'] } },
    { headers: { 'x-switchyard-tags': ' , ' }, hints: {} },
    { headers: { 'x-request-id': 'req-1' }, hints: { requestId: 'req-1' } },
    {
      headers: { 'x-switchyard-privacy': 'local-only', 'x-switchyard-tier': 'small', 'x-request-id': 'abc' },
      hints: { privacy: 'local-only', tier: 'small', requestId: 'abc' },
    },
  ])('$headers → $hints', ({ headers, hints }) => {
    expect(routingHintsFromHeaders(headers)).toEqual(hints);
  });

  it.each([
    { header: 'x-switchyard-privacy', value: 'public' },
    { header: 'x-switchyard-tier', value: '4' },
    { header: 'x-switchyard-tier', value: '' },
    { header: 'x-switchyard-max-cost-usd', value: '-1' },
    { header: 'x-switchyard-max-cost-usd', value: '' },
    { header: 'x-switchyard-max-cost-usd', value: 'Infinity' },
    { header: 'x-request-id', value: 'x'.repeat(201) },
    { header: 'x-request-id', value: 'ünïcode' },
  ])('rejects $header: "$value" with a 400 naming the header', ({ header, value }) => {
    let thrown: unknown;
    try {
      routingHintsFromHeaders({ [header]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayHttpError);
    expect(thrown).toMatchObject({ status: 400, param: header, code: 'invalid_header' });
  });
});

describe('mergeRoutingHints', () => {
  it.each([
    { body: undefined, headers: { tier: 2 as const }, merged: { tier: 2 } },
    { body: { tier: 1, tags: ['x'] }, headers: { tier: 3 as const }, merged: { tier: 3, tags: ['x'] } },
    {
      body: { privacy: 'local-only' },
      headers: { privacy: 'any' as const },
      merged: { privacy: 'local-only' },
    },
    {
      body: { privacy: 'any' },
      headers: { privacy: 'local-only' as const },
      merged: { privacy: 'local-only' },
    },
    { body: { tags: ['a'] }, headers: { tags: ['b'] }, merged: { tags: ['a', 'b'] } },
    { body: 'not an object', headers: { tier: 1 as const }, merged: 'not an object' },
  ])('body $body + headers $headers → $merged', ({ body, headers, merged }) => {
    expect(mergeRoutingHints(body, headers)).toEqual(merged);
  });
});
