import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ChatRequest, parseChatRequest, type Router, type RoutingTable } from '@switchyard/core';
import { resolveModelName } from '@switchyard/policies';
import { decisionHeaders } from './decision-headers.js';
import { GatewayHttpError } from './gateway-http-error.js';
import { readRequestBody } from './read-request-body.js';
import type { RequestScope } from './request-scope.js';
import { mergeRoutingHints, routingHintsFromHeaders } from './routing-hints-from-headers.js';
import { type StreamTracker, streamChatCompletion } from './stream-chat-completion.js';

/** What the chat-completions endpoint needs from the gateway. */
export type ChatCompletionsContext = {
  readonly router: Router;
  readonly routingTable: RoutingTable;
  /** Whether target ids and model names are routing keys (the routing-table policy's `matchTargets`). */
  readonly matchTargets: boolean;
  readonly bodyLimitBytes: number;
  readonly redact: (text: string) => string;
  readonly streams: StreamTracker;
};

/**
 * `POST /v1/chat/completions`: reads and validates the body (400 naming the field), merges the
 * routing-hint headers into its `switchyard` object, answers 404 for a model name that is no
 * routing key, then runs the request through the router — as one JSON answer, or as server-sent
 * events when `stream` is true. Errors are thrown for the gateway to answer.
 *
 * @example
 * await handleChatCompletions(request, response, scope, context);
 */
export async function handleChatCompletions(
  request: IncomingMessage,
  response: ServerResponse,
  scope: RequestScope,
  context: ChatCompletionsContext,
): Promise<void> {
  const chatRequest = await readChatRequest(request, context);
  if (
    resolveModelName(context.routingTable, context.router.targets, chatRequest.model, {
      matchTargets: context.matchTargets,
    }) === 'unknown'
  ) {
    throw unknownModel(chatRequest.model, context);
  }
  scope.model = chatRequest.model;
  if (chatRequest.stream === true) {
    scope.stream = true;
    await streamChatCompletion(chatRequest, response, scope, context);
    return;
  }
  const result = await context.router.generate(chatRequest, { signal: scope.signal });
  scope.requestId = result.requestId;
  scope.recordExecution(result);
  const body = JSON.stringify(result.completion);
  scope.status = 200;
  if (response.destroyed) return;
  response.writeHead(200, {
    ...decisionHeaders(result.decision, result.target, result.fallbacks),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

async function readChatRequest(
  request: IncomingMessage,
  context: ChatCompletionsContext,
): Promise<ChatRequest> {
  const body = await readRequestBody(request, context.bodyLimitBytes);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new GatewayHttpError({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_json',
      message: `the request body is not valid JSON: ${(error as Error).message}`,
    });
  }
  const hints = routingHintsFromHeaders(request.headers);
  if (hints !== undefined && typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const object = json as Record<string, unknown>;
    object.switchyard = mergeRoutingHints(object.switchyard, hints);
  }
  return parseChatRequest(json);
}

function unknownModel(name: string, context: ChatCompletionsContext): GatewayHttpError {
  const names = [
    'auto',
    ...context.routingTable.aliases.map((alias) => alias.alias),
    ...(context.matchTargets ? context.router.targets.map((target) => target.id) : []),
  ];
  const shown = names.slice(0, 12).join(', ');
  const more = names.length > 12 ? ` and ${names.length - 12} more (GET /v1/models)` : '';
  return new GatewayHttpError({
    status: 404,
    type: 'invalid_request_error',
    code: 'model_not_found',
    param: 'model',
    message: `The model '${name}' does not exist on this gateway. Use one of: ${shown}${more}.`,
  });
}
