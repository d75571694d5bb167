import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BackendV1,
  HealthMonitor,
  Meter,
  Router,
  RoutingTable,
  SwitchyardConfig,
  WarmUpResult,
} from '@switchyard/core';
import type pino from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { type ChatCompletionsContext, handleChatCompletions } from './chat-completions-handler.js';
import { createClientKeyCheck } from './client-key-check.js';
import { type CostFunction, defaultCostOf } from './cost-function.js';
import { createGatewayLogger } from './create-gateway-logger.js';
import { createGatewayHealth } from './gateway-health.js';
import { GatewayHttpError } from './gateway-http-error.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { httpErrorOf, shuttingDownError } from './http-error-of.js';
import { modelList } from './model-list.js';
import { readinessReport } from './readiness-report.js';
import { RequestScope } from './request-scope.js';
import { isValidRequestId, routingHintHeaders } from './routing-hints-from-headers.js';
import { createSecretRedactor } from './secret-redactor.js';
import { sendError, sendJson } from './send-response.js';
import { createStreamTracker } from './stream-chat-completion.js';
import { writeRequestLog } from './write-request-log.js';

/** Settings of {@link createGateway}. */
export type GatewayOptions = {
  /** The router that decides and executes (built with backends). */
  readonly router: Router;
  /**
   * The config the router was built from: its routing table (aliases and premium names are
   * routing keys), its backends (whose secrets are kept out of every answer and log line), its
   * health-check settings and the metering baseline target.
   */
  readonly config?: SwitchyardConfig;
  /**
   * The router's backend adapters: checked by core's health monitor every `health.intervalMs`
   * (when `health.enabled`; results feed the circuit breaker and `/ready`), and warmed up at
   * `listen()` when `health.warmUp`.
   */
  readonly backends?: Readonly<Record<string, BackendV1>>;
  /**
   * A meter on the router's events (core's `createMeter`): `close()` closes it after the last
   * request has finished, so every request's ledger line is written.
   */
  readonly meter?: Meter;
  /** Pino logger for the one-line-per-request log (default: JSON lines on stdout, written asynchronously). */
  readonly logger?: pino.Logger;
  /** Client API keys accepted as `Authorization: Bearer <key>` on `/v1/*`; none given: no auth. */
  readonly clientApiKeys?: readonly string[];
  /** Largest request body, in bytes (default 4 MiB); larger ones get a 413. */
  readonly bodyLimitBytes?: number;
  /** Deadline of one chat request, in ms (default 120 000); past it the client gets a 504. */
  readonly requestTimeoutMs?: number;
  /** How long `close()` lets in-flight requests finish before aborting them, in ms (default 10 000). */
  readonly shutdownGraceMs?: number;
  /** Registry the metrics are registered on (default: a new one, with Node's default metrics). */
  readonly metricsRegistry?: Registry;
  /** Cost of a call for the cost and savings metrics (default {@link defaultCostOf}). */
  readonly costOf?: CostFunction;
};

/** Where a gateway listens. */
export type GatewayAddress = { readonly host: string; readonly port: number; readonly url: string };

/** A running (or ready to run) gateway. */
export type Gateway = {
  readonly server: Server;
  readonly registry: Registry;
  readonly logger: pino.Logger;
  /** Core's health monitor over the backends (when `backends` were given and `health.enabled`). */
  readonly monitor: HealthMonitor | undefined;
  /** The meter given in the options, closed by `close()`. */
  readonly meter: Meter | undefined;
  /**
   * Loads the models of local targets (Ollama, embedded) through core's warm-up. Runs once: later
   * calls, and the warm-up `listen()` starts, share the same promise. Never rejects.
   */
  warmUp(): Promise<readonly WarmUpResult[]>;
  /**
   * Starts listening (default 127.0.0.1:4000; port 0 picks a free one), then the health checks
   * and, when `health.warmUp` (the default), the warm-up in the background.
   */
  listen(port?: number, host?: string): Promise<GatewayAddress>;
  /**
   * Graceful shutdown: stops the health checks and accepting connections, lets in-flight
   * requests (streams included) finish for up to `shutdownGraceMs`, aborts what is left, closes
   * every connection, then flushes and closes the meter. Safe to call twice.
   */
  close(): Promise<void>;
};

const mebibyte = 1024 * 1024;
const knownRoutes = new Set(['/v1/chat/completions', '/v1/models', '/health', '/ready', '/metrics']);
const emptyRoutingTable: RoutingTable = { aliases: [], premium: [] };

/**
 * Creates Switchyard's OpenAI-compatible HTTP gateway on `node:http`:
 *
 * - `POST /v1/chat/completions` — OpenAI's wire format, JSON or server-sent events; `model` is a
 *   routing key (`auto`, an alias, a target id or model, a premium name); routing hints come from
 *   the body's `switchyard` object and the `x-switchyard-*` headers.
 * - `GET /v1/models`, `GET /v1/models/{id}` — the routing keys in OpenAI's list shape.
 * - `GET /health` (liveness), `GET /ready` (200 when a target is usable, else 503, per-target
 *   detail), `GET /metrics` (Prometheus).
 *
 * Errors use OpenAI's `{ error: { message, type, param, code } }` shape with the matching status.
 * Each request writes one JSON log line (ids, routing key, target, fallbacks, outcome, status,
 * latency) — never a body or a key.
 *
 * @example
 * const router = createRouterFromConfig(config, { registry: builtinPolicies, defaultPolicyNames, backends });
 * const gateway = createGateway({ router, config, backends });
 * const { url } = await gateway.listen(4000, '127.0.0.1');
 * process.once('SIGTERM', () => void gateway.close());
 */
export function createGateway(options: GatewayOptions): Gateway {
  const { router, config } = options;
  const bodyLimitBytes = positive(options.bodyLimitBytes ?? 4 * mebibyte, 'bodyLimitBytes');
  const requestTimeoutMs = positive(options.requestTimeoutMs ?? 120_000, 'requestTimeoutMs');
  const shutdownGraceMs = nonNegative(options.shutdownGraceMs ?? 10_000, 'shutdownGraceMs');
  const logger = options.logger ?? createGatewayLogger();
  const registry = options.metricsRegistry ?? defaultRegistry();
  const metrics = createGatewayMetrics({
    registry,
    router,
    costOf: options.costOf ?? defaultCostOf,
    baselineTarget: config?.metering.baselineTarget,
  });
  const streams = createStreamTracker(router);
  const redact = createSecretRedactor(config?.backends ?? []);
  const checkClientKey =
    options.clientApiKeys !== undefined && options.clientApiKeys.length > 0
      ? createClientKeyCheck(options.clientApiKeys)
      : undefined;
  const routingTable = config?.routingTable ?? emptyRoutingTable;
  const chatContext: ChatCompletionsContext = {
    router,
    routingTable,
    matchTargets: routingTableMatchesTargets(config),
    bodyLimitBytes,
    redact,
    streams,
  };
  const health = createGatewayHealth({
    router,
    backends: options.backends,
    health: config?.health,
    logger,
    redact,
  });
  const { monitor } = health;
  const models = modelList(router.targets, routingTable, Math.floor(Date.now() / 1000));
  const modelsBody = JSON.stringify(models);
  const modelBodies = new Map(models.data.map((entry) => [entry.id, JSON.stringify(entry)]));

  const active = new Set<RequestScope>();
  let closing = false;
  let idleWaiters: (() => void)[] = [];

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const scope = new RequestScope(request.method ?? 'GET', pathOf(request.url ?? '/'), performance.now());
    active.add(scope);
    try {
      if (closing) {
        response.setHeader('connection', 'close');
        if (scope.path === '/v1/chat/completions') throw shuttingDownError();
      }
      await route(request, response, scope);
    } catch (error) {
      answerError(error, request, response, scope);
    } finally {
      scope.finish();
      active.delete(scope);
      if (closing && active.size === 0) wakeIdleWaiters();
      record(scope, response);
    }
  }

  async function route(
    request: IncomingMessage,
    response: ServerResponse,
    scope: RequestScope,
  ): Promise<void> {
    const { path } = scope;
    if (path.startsWith('/v1/')) {
      checkClientKey?.(request.headers);
      if (path === '/v1/chat/completions') {
        allowMethods(request, 'POST');
        metrics.inFlight.inc();
        response.once('close', () => {
          if (!response.writableFinished) scope.abort('client');
        });
        scope.startDeadline(requestTimeoutMs);
        try {
          await handleChatCompletions(request, response, scope, chatContext);
        } finally {
          metrics.inFlight.dec();
        }
        return;
      }
      if (path === '/v1/models') {
        allowMethods(request, 'GET', 'HEAD');
        return answer(response, scope, 200, modelsBody);
      }
      if (path.startsWith('/v1/models/')) {
        allowMethods(request, 'GET', 'HEAD');
        const id = decodeURIComponent(path.slice('/v1/models/'.length));
        const body = modelBodies.get(id);
        if (body === undefined) throw modelNotFound(id);
        return answer(response, scope, 200, body);
      }
    }
    switch (path) {
      case '/health':
        allowMethods(request, 'GET', 'HEAD');
        return answer(
          response,
          scope,
          closing ? 503 : 200,
          closing ? '{"status":"shutting-down"}' : '{"status":"ok"}',
        );
      case '/ready': {
        allowMethods(request, 'GET', 'HEAD');
        const report = readinessReport(router, monitor, closing, redact);
        return answer(response, scope, report.status === 'ready' ? 200 : 503, JSON.stringify(report));
      }
      case '/metrics': {
        allowMethods(request, 'GET', 'HEAD');
        const text = await registry.metrics();
        scope.status = 200;
        response.writeHead(200, {
          'content-type': registry.contentType,
          'content-length': Buffer.byteLength(text),
        });
        response.end(text);
        return;
      }
      default:
        throw new GatewayHttpError({
          status: 404,
          type: 'invalid_request_error',
          code: 'unknown_url',
          message: `Invalid URL (${scope.method} ${path}): this gateway serves POST /v1/chat/completions, GET /v1/models, /health, /ready and /metrics`,
        });
    }
  }

  function answer(response: ServerResponse, scope: RequestScope, status: number, body: string): void {
    scope.status = status;
    sendJson(response, status, body);
  }

  function answerError(
    error: unknown,
    request: IncomingMessage,
    response: ServerResponse,
    scope: RequestScope,
  ) {
    if (scope.abortReason === 'client') {
      scope.status = 499;
      scope.errorCode = 'client_closed_request';
      return;
    }
    const httpError = httpErrorOf(error, { abortReason: scope.abortReason, redact });
    scope.status = httpError.status;
    scope.errorCode = httpError.code ?? undefined;
    scope.errorMessage = httpError.message;
    if (httpError.code === 'internal_error') {
      logger.error({ err: error, requestId: scope.requestId, path: scope.path }, 'unexpected gateway error');
    }
    scope.requestId ??= requestIdOf(error) ?? headerRequestId(request) ?? randomUUID();
    sendError(response, httpError, scope.requestId);
    if (httpError.status === 413) closeAfterAnswer(request, response);
  }

  function record(scope: RequestScope, response: ServerResponse): void {
    if (scope.status === 0)
      scope.status = response.destroyed && !response.writableFinished ? 499 : response.statusCode;
    const seconds = (performance.now() - scope.startedAt) / 1000;
    const route = knownRoutes.has(scope.path)
      ? scope.path
      : scope.path.startsWith('/v1/models/')
        ? '/v1/models/{id}'
        : 'other';
    metrics.recordHttpRequest(route, scope.status, scope.model, seconds);
    writeRequestLog(logger, scope, route, seconds);
  }

  function wakeIdleWaiters(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }

  function untilIdle(timeoutMs: number): Promise<void> {
    if (active.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    void onRequest(request, response);
  });

  let closed: Promise<void> | undefined;
  return {
    server,
    registry,
    logger,
    monitor,
    meter: options.meter,
    warmUp: health.warmUp,
    listen(port = 4000, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          if (!closing) health.start();
          resolve({ host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` });
        });
      });
    },
    close() {
      closed ??= (async () => {
        closing = true;
        const healthStopped = health.stop();
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await untilIdle(shutdownGraceMs);
        if (active.size > 0) {
          for (const scope of active) scope.abort('shutdown');
          await untilIdle(1_000);
        }
        server.closeAllConnections();
        await serverClosed;
        await healthStopped;
        metrics.detach();
        streams.detach();
        await options.meter?.close().catch((error: unknown) => {
          logger.error({ err: error }, 'metering: the ledger could not be flushed');
        });
        logger.flush();
      })();
      return closed;
    },
  };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function allowMethods(request: IncomingMessage, ...methods: string[]): void {
  if (methods.includes(request.method ?? '')) return;
  throw new GatewayHttpError({
    status: 405,
    type: 'invalid_request_error',
    code: 'method_not_allowed',
    message: `${request.method} is not allowed here; use ${methods.join(' or ')}`,
    headers: { allow: methods.join(', ') },
  });
}

function modelNotFound(id: string): GatewayHttpError {
  return new GatewayHttpError({
    status: 404,
    type: 'invalid_request_error',
    code: 'model_not_found',
    param: 'model',
    message: `The model '${id}' does not exist on this gateway (GET /v1/models lists them).`,
  });
}

function requestIdOf(error: unknown): string | undefined {
  const id = (error as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === 'string' ? id : undefined;
}

function headerRequestId(request: IncomingMessage): string | undefined {
  const value = request.headers[routingHintHeaders.requestId];
  return typeof value === 'string' && isValidRequestId(value) ? value : undefined;
}

/** Stops reading an over-long body: the answer goes out, then the connection is cut. */
function closeAfterAnswer(request: IncomingMessage, response: ServerResponse): void {
  response.once('finish', () => {
    setTimeout(() => request.socket.destroy(), 1_000).unref();
  });
}

function routingTableMatchesTargets(config: SwitchyardConfig | undefined): boolean {
  const entry = config?.policies?.find((policy) => policy.name === 'routing-table');
  return entry?.options?.matchTargets !== false;
}

function defaultRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new TypeError(`createGateway: ${name} must be a positive number`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!(Number.isFinite(value) && value >= 0))
    throw new TypeError(`createGateway: ${name} must be a number ≥ 0`);
  return value;
}
