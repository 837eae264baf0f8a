import { describe, expect, it } from 'vitest';
import { redactPii } from '../../src/text/pii.js';

describe('redactPii', () => {
  it.each([
    ['mail me at jo.b@example.co.uk please', 'mail me at [EMAIL] please', 'jo.b@example.co.uk', 'email'],
    ['see https://x.com/a?b=1. thanks', 'see [URL]. thanks', 'https://x.com/a?b=1', 'url'],
    ['(see www.shop.com)', '(see [URL])', 'www.shop.com', 'url'],
    ['card 4111 1111 1111 1111 was charged', 'card [CARD] was charged', '4111 1111 1111 1111', 'card'],
    ['card 4111-1111-1111-1111', 'card [CARD]', '4111-1111-1111-1111', 'card'],
    ['card 4111111111111111', 'card [CARD]', '4111111111111111', 'card'],
    ['call +44 20 7946 0958 now', 'call [PHONE] now', '+44 20 7946 0958', 'phone'],
    ['call (555) 123-4567', 'call [PHONE]', '(555) 123-4567', 'phone'],
    ['call 555-123-4567.', 'call [PHONE].', '555-123-4567', 'phone'],
    ['ring 07700 900123', 'ring [PHONE]', '07700 900123', 'phone'],
    ['office 020 7946 0958', 'office [PHONE]', '020 7946 0958', 'phone'],
    ['call me on 07700900123', 'call me on [PHONE]', '07700900123', 'phone'],
    ['+1-555-123-4567', '[PHONE]', '+1-555-123-4567', 'phone'],
  ])('redacts %j', (text, redacted, surface, kind) => {
    const result = redactPii(text);
    expect(result.text).toBe(redacted);
    expect(result.spans).toHaveLength(1);
    const [span] = result.spans;
    expect(span.kind).toBe(kind);
    expect(text.slice(span.start, span.end)).toBe(surface);
  });

  it.each([
    'order 12345678 never arrived',
    'it cost £12.99',
    'delivered on 2024-03-01 at 10:30',
    'on 01/03/2024',
    'paid 1,234,567 points',
    'card 4111111111111112 failed',
    'order no. 0123 456 789',
    'ref 555-123-4567',
    'version 1.2.3',
    'rated 9/10, NPS 10',
    'tracking 1Z999AA10123456784',
    'I waited 45 minutes for 2 hours',
    '',
  ])('leaves %j alone', (text) => {
    expect(redactPii(text)).toEqual({ text, spans: [] });
  });

  it.each([
    ['a run of digits', '9'.repeat(20_000)],
    ['a run of dots before an at sign', 'a.'.repeat(10_000) + '@'],
    ['a plus and digits', '+' + '1'.repeat(20_000)],
  ])('handles %s of 20,000 characters (a quadratic e-mail scan once took 420 ms here)', (_name, text) => {
    expect(redactPii(text).spans).toEqual([]);
  });

  it('keeps offsets into the original text when several kinds appear', () => {
    const text = 'Me: jo@x.io, +44 7700 900123, card 4111 1111 1111 1111, https://t.co/x';
    const result = redactPii(text);
    expect(result.text).toBe('Me: [EMAIL], [PHONE], card [CARD], [URL]');
    expect(result.spans.map((span) => [span.kind, text.slice(span.start, span.end)])).toEqual([
      ['email', 'jo@x.io'],
      ['phone', '+44 7700 900123'],
      ['card', '4111 1111 1111 1111'],
      ['url', 'https://t.co/x'],
    ]);
  });

  it('does not flag the digits inside a URL or an e-mail address as a phone', () => {
    const result = redactPii('https://shop.com/track/5551234567 or 5551234567@fax.example.com');
    expect(result.spans.map((span) => span.kind)).toEqual(['url', 'email']);
  });
});
