import type { ChatRequest } from '../request/chat-request-schema.js';
import type { BackendV1 } from '../spec/backend.js';
import type { RoutingDecision } from '../spec/routing-decision.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { ResolvedExecutionOptions } from './execution-options.js';
import type { EmitEvent, ExecutionRecorder } from './execution-recorder.js';
import type { HealthTracker } from './health-tracker.js';
import type { QualityGate } from './quality-gate.js';

/** What the executor shares across requests: backends, settings, health, slots, gates, events. */
export type ExecutorContext = {
  readonly backends: Readonly<Record<string, BackendV1>>;
  readonly options: ResolvedExecutionOptions;
  readonly health: HealthTracker;
  readonly limiter: ConcurrencyLimiter;
  readonly qualityGates: readonly QualityGate[];
  readonly emit: EmitEvent;
};

/** One request being executed. */
export type RequestRun = {
  readonly request: ChatRequest;
  readonly decision: RoutingDecision;
  readonly signal: AbortSignal | undefined;
  readonly recorder: ExecutionRecorder;
};
