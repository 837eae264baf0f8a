/** Loading, empty and error states, the same everywhere so an analyst learns them once. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../lib/api.js';

/** A placeholder while data loads (announced politely to screen readers). */
export function Loading({ label = 'Loading…', height = 120 }: { label?: string; height?: number }) {
  return (
    <div class="state state--loading" role="status" aria-live="polite" style={{ minHeight: `${height}px` }}>
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Nothing matches: says so and what to try. */
export function Empty({ children }: { children: ComponentChildren }) {
  return (
    <div class="state state--empty" role="status">
      {children}
    </div>
  );
}

/** An API failure, with the server's message and code; a 401 points at the key field. */
export function ErrorState({ error }: { error: Error }) {
  const api = error instanceof ApiError ? error : null;
  return (
    <div class="state state--error" role="alert">
      <strong>Could not load this view.</strong> {error.message}
      {api && api.status > 0 && <code class="error-code">{api.code}</code>}
      {api?.status === 401 && <p>This server requires an API key: enter one with “API key” at the top right.</p>}
    </div>
  );
}

/** Renders loading / error / empty / content for one API state. */
export function Loadable<T>({
  state,
  empty,
  isEmpty,
  height,
  children,
}: {
  state: { data: T | null; error: Error | null; loading: boolean };
  empty?: ComponentChildren;
  isEmpty?: (data: T) => boolean;
  height?: number;
  children: (data: T) => ComponentChildren;
}) {
  if (state.error) return <ErrorState error={state.error} />;
  if (state.data === null) return <Loading height={height} />;
  if (isEmpty?.(state.data)) return <Empty>{empty ?? 'No feedback matches these filters.'}</Empty>;
  return <div class={state.loading ? 'is-refreshing' : undefined} aria-busy={state.loading}>{children(state.data)}</div>;
}
