/**
 * The dashboard's one way to call the API: same-origin /v1 routes, JSON, the error envelope
 * `{ error: { code, message } }` turned into an ApiError, and the optional API key. When the
 * server sets VERBATIM_API_KEYS, the analyst pastes a key once; it is kept in sessionStorage
 * (gone when the tab closes, never in localStorage or a cookie) and sent as a Bearer token.
 */

const KEY_STORAGE = 'verbatim.apiKey';

/** An API error with the server's stable code (e.g. VERBATIM_E_UNAUTHORIZED). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The stored API key, or null. */
export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

/** Stores (or, with null, forgets) the API key for this tab and tells listeners. */
export function setApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage disabled: the key lasts until reload only through the event below.
  }
  window.dispatchEvent(new CustomEvent('verbatim:api-key'));
}

export type QueryValue = string | number | boolean | null | undefined;

/** A query string of the defined, non-empty values, in a stable order (for cache keys). */
export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Calls the API; throws ApiError on a non-2xx answer or a network failure. */
export async function request<T>(path: string, options: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server did not answer. Is it running?');
  }
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `The server answered ${response.status}`);
  }
  return payload as T;
}
