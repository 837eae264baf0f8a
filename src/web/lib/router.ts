/**
 * Hash routing (`#/themes/returns?period=3m`): the server needs no fallback route, and
 * the browser's back button walks through views and filters.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** Path segments: ['themes', 'returns']. */
  segments: string[];
  params: URLSearchParams;
}

/** Parses a location hash. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = body.split('?', 2);
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

/** The hash for a path and parameters. */
export function hashOf(segments: readonly string[], params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params).toString();
  return `#/${segments.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
}

/** The current route, updated on hashchange. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** Goes to a hash (a new history entry, unless `replace`). */
export function navigate(hash: string, replace = false): void {
  if (location.hash === hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else location.hash = hash;
}
