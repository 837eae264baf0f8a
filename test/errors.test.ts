import { describe, expect, it } from 'vitest';
import { ERRORS, VerbatimError } from '../src/errors.js';

describe('errors', () => {
  it('fills the message template from details and carries the status of its code', () => {
    const error = new VerbatimError('VERBATIM_E_TEXT_TOO_LONG', { length: 30, limit: 20 });
    expect(error.message).toBe('Text is 30 characters long; the limit is 20 (config maxTextLength)');
    expect(error.status).toBe(ERRORS.VERBATIM_E_TEXT_TOO_LONG.status);
    expect(error.toJSON()).toEqual({ code: 'VERBATIM_E_TEXT_TOO_LONG', message: error.message });
  });

  it('round-trips through its JSON form, keeping the message', () => {
    const original = new VerbatimError('VERBATIM_E_MISSING_TEXT', { field: 'comment' });
    const rebuilt = VerbatimError.fromJSON(original.toJSON());
    expect(rebuilt).toBeInstanceOf(VerbatimError);
    expect(rebuilt.toJSON()).toEqual(original.toJSON());
    expect(rebuilt.status).toBe(400);
  });

  it('maps an unknown code to VERBATIM_E_INTERNAL rather than inventing one', () => {
    expect(VerbatimError.fromJSON({ code: 'NOPE', message: 'x' }).code).toBe('VERBATIM_E_INTERNAL');
  });
});
