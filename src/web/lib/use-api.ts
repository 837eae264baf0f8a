/** A hook that loads one GET endpoint with loading, error and data states. */
import { useEffect, useState } from 'preact/hooks';
import { request } from './api.js';
import { cached } from './cache.js';

export interface ApiState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
}

/**
 * Loads `url` (null: nothing to load yet) through the cache. A newer url replaces the answer
 * of an older one that arrives late; the data-changed and api-key events reload.
 */
export function useApi<T>(url: string | null): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ data: null, error: null, loading: url !== null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((value) => value + 1);
    window.addEventListener('verbatim:data-changed', bump);
    window.addEventListener('verbatim:api-key', bump);
    return () => {
      window.removeEventListener('verbatim:data-changed', bump);
      window.removeEventListener('verbatim:api-key', bump);
    };
  }, []);
  useEffect(() => {
    if (url === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let current = true;
    setState((previous) => ({ data: previous.data, error: null, loading: true }));
    cached(url, () => request<T>(url)).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: Error) => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [url, version]);
  return state;
}
