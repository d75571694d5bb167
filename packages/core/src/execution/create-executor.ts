import type { EventEmitter } from 'eventemitter3';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { ChatRequest } from '../request/chat-request-schema.js';
import type { BackendV1 } from '../spec/backend.js';
import type { RouterEvents } from '../spec/router-events.js';
import type { RoutingDecision } from '../spec/routing-decision.js';
import type { Target } from '../spec/target.js';
import { createConcurrencyLimiter } from './concurrency-limiter.js';
import { createRouterStream } from './create-router-stream.js';
import { type ExecutionOptions, resolveExecutionOptions } from './execution-options.js';
import { createExecutionRecorder, type EmitEvent } from './execution-recorder.js';
import { executionReportOf } from './execution-report-of.js';
import type {
  ExecuteOptions,
  GenerateObjectResult,
  GenerateResult,
  RouterStream,
} from './execution-result.js';
import type { ExecutorContext, RequestRun } from './executor-context.js';
import { generateOnChain } from './generate-on-chain.js';
import type { HealthTracker } from './health-tracker.js';
import { type ObjectOf, type ObjectSchema, prepareObjectSchema } from './object-schema.js';
import { requestOutputValidator } from './output-validator.js';
import type { QualityGate } from './quality-gate.js';

/** Options of `router.generateObject`: the schema of the object, and how to name it to the model. */
export type GenerateObjectOptions<S extends ObjectSchema> = ExecuteOptions & {
  /** A JSON Schema (`as const`, for a typed result) or a zod schema. */
  readonly schema: S;
  /** The `response_format.json_schema.name` (default `response`). */
  readonly name?: string;
  readonly description?: string;
  /** `response_format.json_schema.strict` (OpenAI's strict mode; the schema must follow its rules). */
  readonly strict?: boolean;
};

/** The execution half of the router: `generate`, `stream`, `generateObject`. */
export type Executor = {
  /**
   * Routes the request, then calls down the decision's chain until an answer is accepted (see
   * docs/execution.md). `stream: true` in the request is ignored: use `stream()`. Rejects with
   * `NoRouteError`/`PolicyError` when routing fails, `InvalidRequestError` for a bad
   * `response_format` schema, and `ExecutionError` when execution fails.
   */
  generate(request: ChatRequest, options?: ExecuteOptions): Promise<GenerateResult>;
  /** Routes the request (throwing routing errors at once) and returns a lazy {@link RouterStream}. */
  stream(request: ChatRequest, options?: ExecuteOptions): RouterStream;
  /**
   * Like `generate`, asking for JSON matching `schema` (as `response_format: json_schema`),
   * validating the answer (retries at lower temperature, then escalation) and returning it parsed
   * and typed as `object`.
   */
  generateObject<const S extends ObjectSchema>(
    request: ChatRequest,
    options: GenerateObjectOptions<S>,
  ): Promise<GenerateObjectResult<ObjectOf<S>>>;
};

/** What {@link createExecutor} is built from (the router passes its own parts). */
export type ExecutorSettings = {
  readonly targets: readonly Target[];
  /** Adapters by backend id; without them every call rejects with a clear error. */
  readonly backends: Readonly<Record<string, BackendV1>> | undefined;
  readonly execution?: ExecutionOptions | undefined;
  readonly healthTracker: HealthTracker;
  readonly qualityGates?: readonly QualityGate[] | undefined;
  readonly events: EventEmitter<RouterEvents>;
  readonly route: (request: ChatRequest, options: { requestId?: string }) => RoutingDecision;
  /** The router's clock and random source, used unless `execution` sets its own. */
  readonly now?: (() => number) | undefined;
  readonly random?: (() => number) | undefined;
};

const objectNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Builds the executor. Checks up front that every target's backend has an adapter (an
 * {@link InvalidConfigError} listing the missing ones), and resolves the execution defaults.
 *
 * @example
 * const executor = createExecutor({ targets, backends, healthTracker, events, route });
 * const { completion, target } = await executor.generate(request);
 */
export function createExecutor(settings: ExecutorSettings): Executor {
  const options = resolveExecutionOptions(settings.execution, {
    ...(settings.now === undefined ? {} : { now: settings.now }),
    ...(settings.random === undefined ? {} : { random: settings.random }),
  });
  const backends = settings.backends;
  if (backends !== undefined) assertBackendsCover(settings.targets, backends);
  const { events } = settings;
  const emit: EmitEvent = (name, payload) => {
    if (events.listenerCount(name) === 0) return;
    try {
      (events.emit as (event: string, payload: unknown) => boolean)(name, payload);
    } catch (error) {
      options.onListenerError(error, name);
    }
  };
  const context: ExecutorContext = {
    backends: backends ?? {},
    options,
    health: settings.healthTracker,
    limiter: createConcurrencyLimiter({
      queueLimit: options.queueLimit,
      queueTimeoutMs: options.queueTimeoutMs,
      now: options.now,
    }),
    qualityGates: settings.qualityGates ?? [],
    emit,
  };

  function start(
    request: ChatRequest,
    executeOptions: ExecuteOptions | undefined,
    stream: boolean,
  ): RequestRun {
    if (backends === undefined) {
      throw new TypeError(
        `router.${stream ? 'stream' : 'generate'}() needs backends: pass createRouter({ backends: { <backend id>: adapter } })`,
      );
    }
    const decision = settings.route(
      request,
      executeOptions?.requestId === undefined ? {} : { requestId: executeOptions.requestId },
    );
    const recorder = createExecutionRecorder({ decision, stream, emit, now: options.now });
    return { request, decision, signal: executeOptions?.signal, recorder };
  }

  async function generate(request: ChatRequest, executeOptions?: ExecuteOptions): Promise<GenerateResult> {
    const validator = requestOutputValidator(request);
    const run = start(request, executeOptions, false);
    const outcome = await generateOnChain(context, run, validator);
    return { ...executionReportOf(outcome.report, outcome.candidate), completion: outcome.completion };
  }

  function stream(request: ChatRequest, executeOptions?: ExecuteOptions): RouterStream {
    return createRouterStream(context, start(request, executeOptions, true));
  }

  async function generateObject<const S extends ObjectSchema>(
    request: ChatRequest,
    objectOptions: GenerateObjectOptions<S>,
  ): Promise<GenerateObjectResult<ObjectOf<S>>> {
    const name = objectOptions.name ?? 'response';
    if (!objectNamePattern.test(name)) {
      throw new TypeError(
        `generateObject: name '${name}' must be 1–64 letters, digits, underscores or dashes`,
      );
    }
    const prepared = prepareObjectSchema(objectOptions.schema, name);
    const withFormat: ChatRequest = {
      ...request,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name,
          schema: prepared.jsonSchema,
          ...(objectOptions.description === undefined ? {} : { description: objectOptions.description }),
          ...(objectOptions.strict === undefined ? {} : { strict: objectOptions.strict }),
        },
      },
    };
    const run = start(withFormat, objectOptions, false);
    const outcome = await generateOnChain(context, run, prepared.validator);
    return {
      ...executionReportOf(outcome.report, outcome.candidate),
      completion: outcome.completion,
      object: outcome.value as ObjectOf<S>,
    };
  }

  return { generate, stream, generateObject };
}

function assertBackendsCover(
  targets: readonly Target[],
  backends: Readonly<Record<string, BackendV1>>,
): void {
  const issues: string[] = [];
  targets.forEach((target, index) => {
    if (!Object.hasOwn(backends, target.backend)) {
      issues.push(
        `targets[${index}].backend: no adapter for backend '${target.backend}' (target '${target.id}')`,
      );
    }
  });
  if (issues.length > 0) {
    throw new InvalidConfigError({
      message: `every target needs its backend in createRouter({ backends }): ${issues.join('; ')}`,
      issues,
    });
  }
}
