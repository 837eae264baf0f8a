/**
 * A small in-memory cache of GET answers by URL, so switching views or toggling a filter back
 * does not refetch. Cleared when the data changes (after a re-tag) or the API key changes.
 */
const MAX_ENTRIES = 120;
const entries = new Map<string, Promise<unknown>>();
let generation = 0;

/** The cached answer for `url`, fetching it with `load` the first time. Failed loads are not kept. */
export function cached<T>(url: string, load: () => Promise<T>): Promise<T> {
  const key = `${generation}:${url}`;
  let entry = entries.get(key) as Promise<T> | undefined;
  if (entry === undefined) {
    entry = load();
    entries.set(key, entry);
    entry.catch(() => entries.delete(key));
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return entry;
}

/** Forgets every cached answer (the stored data changed). */
export function clearCache(): void {
  entries.clear();
  generation += 1;
  window.dispatchEvent(new CustomEvent('verbatim:data-changed'));
}
