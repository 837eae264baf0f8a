import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { topicComments } from '../discovery/fixtures.js';

describe('cli/discover', () => {
  it('writes themes and a taxonomy, skips and counts bad lines, and analyze reads the taxonomy', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'verbatim-discover-cli-'));
    const input = path.join(folder, 'comments.jsonl');
    const lines = topicComments().map((row) => JSON.stringify({ id: row.id, text: row.text }));
    lines.splice(3, 0, '{not json', JSON.stringify({ id: 'no-text' }));
    writeFileSync(input, `${lines.join('\n')}\n`);
    const out = path.join(folder, 'themes.json');
    const taxonomyFile = path.join(folder, 'taxonomy.json');

    const code = await main(['node', 'verbatim', 'discover', input, '--out', out, '--as-taxonomy', taxonomyFile, '--max-themes', '3', '--min-theme-size', '5', '--seed', '3', '--no-sentiment', '-q']);
    expect(code).toBe(1);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { themes: { id: string }[]; assignments: { id: string | number; theme: string }[]; coverage: number };
    expect(result.assignments).toHaveLength(98);
    expect(result.assignments[3]).toEqual({ id: 4, theme: 'unassigned' });
    expect(result.assignments[4]).toEqual({ id: 'no-text', theme: 'unassigned' });
    expect(result.themes.length).toBeGreaterThan(0);

    const analyzed = path.join(folder, 'analyzed.jsonl');
    const analyzeCode = await main(['node', 'verbatim', 'analyze', input, '--taxonomy', taxonomyFile, '--scorer', 'rules', '--out', analyzed, '-q']);
    expect(analyzeCode).toBe(1);
    const themeIds = new Set(result.themes.map((theme) => theme.id));
    const matched = readFileSync(analyzed, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { themes?: { id: string }[] })
      .filter((line) => line.themes?.some((theme) => themeIds.has(theme.id)));
    expect(matched.length).toBeGreaterThan(40);
  });

  it('fails with a coded error on a missing file', async () => {
    expect(await main(['node', 'verbatim', 'discover', '/nonexistent/comments.jsonl', '-q'])).toBe(2);
  });
});
