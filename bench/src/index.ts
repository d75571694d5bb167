export type { BenchCommandIo } from './quality/bench-command-io.js';
export { formatQualityMarkdown } from './quality/format-quality-markdown.js';
export { formatQualityTable } from './quality/format-quality-table.js';
export { type LabeledRow, type LabeledRowJson, toLabeledRow } from './quality/labeled-row.js';
export {
  createProgressReporter,
  type ProgressReporter,
  type ProgressStream,
  silentProgress,
} from './quality/progress-reporter.js';
export { type QualityCommandOptions, runQualityCommand } from './quality/quality-command.js';
export type { GroupReport, QualityReport } from './quality/quality-report.js';
export { qualityReportJson } from './quality/quality-report-json.js';
export { readLabeledRows } from './quality/read-labeled-rows.js';
export { renderPng } from './quality/render-png.js';
export { renderQualityChart } from './quality/render-quality-chart.js';
export {
  type ImportRouteLlmOptions,
  type ImportRouteLlmResult,
  importRouteLlm,
  writeLabeledRows,
} from './quality/routellm/import-route-llm.js';
export {
  type ImportRouteLlmCommandOptions,
  runImportRouteLlmCommand,
} from './quality/routellm/import-route-llm-command.js';
export type { RouterResult } from './quality/router-result.js';
export { type QualityBenchOptions, runQualityBench } from './quality/run-quality-bench.js';
export { type QualityOutputFiles, writeQualityOutputs } from './quality/write-quality-outputs.js';
export {
  defaultScorerTrainingOptions,
  type ScorerTrainingOptions,
  trainDifficultyScorer,
} from './scorer/train-difficulty-scorer.js';
export { formatTuneReport } from './tune/format-tune-report.js';
export { runTune, type TuneOptions, type TuneResult } from './tune/run-tune.js';
export { runTuneCommand, type TuneCommandOptions } from './tune/tune-command.js';
export { describeTuneGoal, parseTuneGoal, type TuneGoal } from './tune/tune-goal.js';
export { type TuneOutputFiles, type TuneOutputPaths, writeTuneOutputs } from './tune/write-tune-outputs.js';
