export {
  type BackendConformanceOptions,
  type ConformanceCapabilities,
  type ConformanceFault,
  type ConformanceSubject,
  conformanceFaults,
  type FaultArrangement,
  type FaultCall,
  type FaultInjector,
  isSkip,
  type Skip,
} from './backend-conformance-options.js';
export { conformanceRequests, conformanceSchema, conformanceTool } from './conformance-requests.js';
export { type ArrangedCall, conformanceRetryAfterSeconds } from './create-conformance-suite.js';
export {
  createReplayFetch,
  fetchFailure,
  type ReplayCall,
  type ReplayFetch,
  type ReplayResponse,
  type ReplayRoute,
} from './create-replay-fetch.js';
export {
  type ConnectableEmulatorSubject,
  type EmulatorFaultEntry,
  emulatorConformanceFaults,
  overflowRequest,
  wrongApiKey,
} from './emulator-conformance-faults.js';
export { type EmulatorSubject, emulatorFault } from './emulator-fault.js';
export { type CallErrorExpectation, expectCallError } from './expect-call-error.js';
export { findSecretLeaks } from './find-secret-leaks.js';
export {
  readStreamParts,
  reassembleToolCalls,
  type StreamReading,
  streamedText,
} from './read-stream-parts.js';
export { runBackendConformance } from './run-backend-conformance.js';
export { type Settlement, settleWithin } from './settle-within.js';
export { unusedLocalUrl } from './unused-local-url.js';
