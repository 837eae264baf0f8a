/**
 * What every view shares: the global filters, the store's facets (date range, segments,
 * channels, themes), the resolved metric and interval, and the active taxonomy (stage order and
 * labels, theme parents). Provided once by the app shell.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MetricId } from './format.js';
import type { Filters, Interval } from './filters.js';
import type { Facets, TaxonomyDocument } from './types.js';

export interface DashboardState {
  filters: Filters;
  setFilters(update: Partial<Filters>): void;
  facets: Facets;
  /** The metric in use: the chosen one, else the one with the most scores. */
  metric: MetricId;
  /** from/to/segment/channel for the API. */
  query: Record<string, string | undefined>;
  interval: Interval;
  taxonomyId: string;
  taxonomy: TaxonomyDocument | null;
  stageLabel(id: string): string;
  /** Stage ids in journey order. */
  stageOrder: string[];
  /** A hash link to a view that keeps the current filters. */
  link(segments: readonly string[], extra?: Record<string, string>): string;
}

export const DashboardContext = createContext<DashboardState | null>(null);

/** The shared dashboard state (inside the app shell only). */
export function useDashboard(): DashboardState {
  const state = useContext(DashboardContext);
  if (state === null) throw new Error('useDashboard outside DashboardContext');
  return state;
}
