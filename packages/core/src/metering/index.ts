export {
  createJsonlFileSink,
  type JsonlFileSink,
  type JsonlFileSinkOptions,
} from './create-jsonl-file-sink.js';
export { createMemorySink, type MemorySink } from './create-memory-sink.js';
export { createMeter, type Meter, type MeterOptions, type RouterEventSource } from './create-meter.js';
export { formatLedgerSummary } from './format-ledger-summary.js';
export { LEDGER_RECORD_VERSION, type LedgerAttempt, type LedgerRecord } from './ledger-record.js';
export { ledgerRecordSchema } from './ledger-record-schema.js';
export type { MeteringSink } from './metering-sink.js';
export { nearestRankPercentile } from './nearest-rank-percentile.js';
export { type LedgerFile, readLedgerFile } from './read-ledger-file.js';
export { resolveBaselinePrice } from './resolve-baseline-price.js';
export {
  type LatencySummary,
  type LedgerSummary,
  type SummarizeLedgerOptions,
  summarizeLedger,
  type TargetLedgerSummary,
} from './summarize-ledger.js';
export { type LedgerRecordContext, toLedgerRecord } from './to-ledger-record.js';
