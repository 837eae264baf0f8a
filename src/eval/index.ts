/**
 * The evaluation harness: metrics, baseline systems, the dev-set runner, the report renderer and
 * the user-file evaluator. The CLI (`verbatim eval`) is a thin shell over these.
 */
export * from './types.js';
export * from './metrics.js';
export * from './baselines.js';
export * from './adapters.js';
export { runEvaluation, mapGoldLabels, EVAL_SAMPLE_SEED, WARM_UP_TEXTS, type EvalOptions, type EvalProgress } from './run-eval.js';
export { formatFileEvaluation, formatReport, renderTable, writeReportJson } from './format-report.js';
export { evaluateFile, parseLabelledJsonl, type FileEvaluation, type SkippedLine } from './evaluate-file.js';
export { EVAL_BATCH_SIZE, THREE_CLASS_LABELS, BINARY_LABELS, callSystem, scoreSystem } from './score-rows.js';
