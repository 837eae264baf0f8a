/**
 * CX metrics as pure functions over plain records: NPS/CSAT/CES with confidence intervals,
 * grouping, drivers (leave-one-out impact, Johnson's relative weights, revenue at risk), trends
 * and emerging themes, per record or from SQL aggregates (aggregates.ts). No I/O: the store and
 * the HTTP routes feed these.
 */
export * from './types.js';
export * from './statistics.js';
export * from './score-metrics.js';
export * from './periods.js';
export * from './group-by.js';
export * from './linear-algebra.js';
export * from './relative-weights.js';
export * from './drivers.js';
export * from './trends.js';
export * from './aggregates.js';
export * from './driver-aggregates.js';
export * from './trend-aggregates.js';
