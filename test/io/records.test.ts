import { describe, expect, it } from 'vitest';
import { parseJsonLine, DEFAULT_FIELDS } from '../../src/io/records.js';

const LIMIT = 100;

describe('io/records', () => {
  it.each([
    ['{"id":"a","text":"hi"}', { id: 'a', text: 'hi' }],
    ['{"text":"no id"}', { id: 7, text: 'no id' }],
    ['{"id":3,"text":""}', { id: 3, text: '' }],
  ])('accepts %s', (line, expected) => {
    const parsed = parseJsonLine(line, 7, DEFAULT_FIELDS, LIMIT);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.record).toMatchObject(expected);
  });

  it.each([
    ['{not json', 'VERBATIM_E_INVALID_JSON'],
    ['[1,2]', 'VERBATIM_E_NOT_AN_OBJECT'],
    ['"just a string"', 'VERBATIM_E_NOT_AN_OBJECT'],
    ['{"id":"x"}', 'VERBATIM_E_MISSING_TEXT'],
    ['{"id":"x","text":42}', 'VERBATIM_E_TEXT_NOT_STRING'],
    ['{"id":"x","text":null}', 'VERBATIM_E_TEXT_NOT_STRING'],
    [`{"id":"x","text":"${'a'.repeat(LIMIT + 1)}"}`, 'VERBATIM_E_TEXT_TOO_LONG'],
    ['{"id":"x","text":"t","targets":"courier"}', 'VERBATIM_E_INVALID_TARGETS'],
    ['{"id":"x","text":"t","targets":[1]}', 'VERBATIM_E_INVALID_TARGETS'],
    ['{"id":{"a":1},"text":"t"}', 'VERBATIM_E_INVALID_ID'],
  ])('rejects %s with %s', (line, code) => {
    const parsed = parseJsonLine(line, 1, DEFAULT_FIELDS, LIMIT);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.failure.error.code).toBe(code);
  });

  it('keeps the id of a record whose text is bad, so the output line can be matched', () => {
    const parsed = parseJsonLine('{"id":"k9","text":5}', 1, DEFAULT_FIELDS, LIMIT);
    expect(parsed.ok ? null : parsed.failure.id).toBe('k9');
  });

  it('passes every other field through under metadata, and honours custom field names', () => {
    const parsed = parseJsonLine('{"ref":"r1","comment":"fine","score":9,"segment":"smb"}', 1, { textField: 'comment', idField: 'ref' }, LIMIT);
    expect(parsed.ok && parsed.record).toMatchObject({ id: 'r1', text: 'fine', metadata: { score: 9, segment: 'smb' } });
  });
});
