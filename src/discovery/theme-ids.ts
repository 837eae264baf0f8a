/** Stable kebab-case theme ids from labels, as taxonomy files require ("late delivery" -> "late-delivery"). */

/**
 * A kebab-case id for `label`, unique within `used` (a suffix -2, -3, ... when taken); adds it to `used`.
 *
 * @example themeIdOf("Runs small!", new Set()) // 'runs-small'
 */
export function themeIdOf(label: string, used: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'theme';
  let id = base;
  for (let suffix = 2; used.has(id); suffix += 1) id = `${base}-${suffix}`;
  used.add(id);
  return id;
}
