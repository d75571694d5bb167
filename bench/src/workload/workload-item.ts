import type { ChatRequest } from '@switchyard/core';

/** The kinds of request in the workload mix. */
export type WorkloadKind =
  | 'plain-chat'
  | 'multi-turn-chat'
  | 'tool-call'
  | 'tool-chain'
  | 'long-context'
  | 'structured-output'
  | 'image';

/** One request of the workload, with what kind it is and which data item it came from. */
export type WorkloadItem = {
  readonly kind: WorkloadKind;
  /** Data item id(s) the request was built from, e.g. `multi_turn_base_12` or `arena-hard-v2.0:2edbb5f3…`. */
  readonly source: string;
  readonly request: ChatRequest;
};

/** Settings every generator takes. */
export type GeneratorOptions = {
  /** The request's `model` field (default `auto`: let the router choose). */
  readonly model?: string;
};

/** The model name workload requests carry unless told otherwise. */
export const defaultWorkloadModel = 'auto';
