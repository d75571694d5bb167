import type { CostBasis } from '../cost/cost-of-call.js';
import type { BackendErrorCode } from '../errors/backend-call-error.js';
import type { RequestProfile, TaskCategory, TaskComplexity } from '../spec/request-profile.js';
import type {
  AttemptStatus,
  EscalationReason,
  FallbackCause,
  SkippedHopRecord,
} from '../spec/router-events.js';
import type { BackendKind, Locality, Tier } from '../spec/target.js';

/** Version of the ledger line format; bumped on an incompatible change. */
export const LEDGER_RECORD_VERSION = 1;

/** One call to one target, in a ledger line. */
export type LedgerAttempt = {
  readonly target: string;
  readonly backend: string;
  readonly kind: BackendKind;
  /** Model name sent to the backend. */
  readonly model: string;
  readonly tier: Tier;
  readonly locality: Locality;
  /** Position of the hop in the decision's chain (0 = primary). */
  readonly hop: number;
  /** Calls made on this hop before this one. */
  readonly retry: number;
  readonly status: AttemptStatus;
  /** The error code of a failed call, or `invalid-output` for an answer rejected by validation. */
  readonly errorCode: BackendErrorCode | null;
  /** `validation` or `quality-gate`, for a rejected answer. */
  readonly rejectedBy: 'validation' | 'quality-gate' | null;
  /** Wall clock of the call, in ms. */
  readonly latencyMs: number;
  /** Time to the first content chunk (streams), in ms. */
  readonly ttftMs: number | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Cached input tokens (part of `inputTokens`). */
  readonly cachedInputTokens: number;
  /** USD; `null` when the target has no price (`costBasis: 'unpriced'`). */
  readonly costUsd: number | null;
  readonly costBasis: CostBasis;
};

/**
 * One ledger line: everything about one request through `generate` / `stream` /
 * `generateObject`, written once when it settles. It never holds prompts, answers, error or
 * validation messages (they may quote the answer), or keys.
 */
export type LedgerRecord = {
  /** {@link LEDGER_RECORD_VERSION}. */
  readonly version: 1;
  /** When the request settled (ISO 8601, UTC). */
  readonly timestamp: string;
  readonly requestId: string;
  readonly outcome: 'success' | 'error';
  /** The request's error code, for `error`. */
  readonly errorCode: BackendErrorCode | null;
  /** The `model` the caller asked for (`auto`, an alias, a target id); `null` when not seen. */
  readonly model: string | null;
  readonly stream: boolean;
  readonly task: TaskCategory;
  readonly complexity: TaskComplexity;
  readonly privacy: RequestProfile['privacy'];
  /** What the router decided (the executor may have ended elsewhere). */
  readonly decision: {
    readonly target: string;
    readonly tier: Tier;
    readonly locality: Locality;
    readonly decidedBy: string | null;
    readonly reasons: readonly string[];
    /** Fallback target ids, in order. */
    readonly fallbacks: readonly string[];
  };
  /** The target that answered (for errors, the last one called; `null` when none was). */
  readonly target: string | null;
  readonly backend: string | null;
  readonly kind: BackendKind | null;
  /** The model name the final target was sent. */
  readonly servedModel: string | null;
  readonly tier: Tier | null;
  /** Where the final target runs: the provider locality. */
  readonly locality: Locality | null;
  readonly attempts: readonly LedgerAttempt[];
  /** Calls repeated on the same hop. */
  readonly retries: number;
  readonly fallbacks: readonly {
    readonly from: string;
    readonly to: string;
    readonly cause: FallbackCause;
  }[];
  readonly escalations: readonly {
    readonly from: string;
    readonly to: string;
    readonly reason: EscalationReason;
  }[];
  /** Answers that failed structured-output validation (the count of problems, not their text). */
  readonly validationFailures: readonly {
    readonly target: string;
    readonly hop: number;
    readonly retry: number;
    readonly errorCount: number;
  }[];
  /** Hops passed over without a call. */
  readonly skipped: readonly { readonly target: string; readonly reason: SkippedHopRecord['reason'] }[];
  /** Tokens of every call that reported usage, rejected answers included. */
  readonly tokens: {
    readonly input: number;
    readonly output: number;
    readonly cachedInput: number;
    readonly reasoning: number;
  };
  /** USD of every call (failed and rejected ones cost too), unpriced calls left out. */
  readonly costUsd: number;
  /** Calls on targets without a price: when above 0, `costUsd` is incomplete. */
  readonly unpricedAttempts: number;
  /** What the answer's tokens would have cost at the baseline; `null` without a baseline. */
  readonly baselineCostUsd: number | null;
  /** `baselineCostUsd − costUsd`; `null` without a baseline. */
  readonly savingsUsd: number | null;
  /** The whole request, every attempt and wait included, in ms. */
  readonly latencyMs: number;
  /** Streams: time to the first token handed to the caller, in ms. */
  readonly ttftMs: number | null;
};
