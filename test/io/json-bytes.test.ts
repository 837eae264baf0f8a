import { describe, expect, it } from 'vitest';
import { JsonBytes } from '../../src/io/json-bytes.js';

/** What `write` puts in a fresh writer, as text. */
function written(write: (out: JsonBytes) => void, capacity?: number): string {
  const out = new JsonBytes(capacity);
  write(out);
  return out.take().toString('utf8');
}

describe('JsonBytes', () => {
  it('writes numbers exactly as JSON.stringify does', () => {
    const values = [0, -0, 1, -1, 0.5, 0.1234, -0.7239, 0.0001, -0.0001, 0.00001, 1e-7, 0.30000000000000004, 0.2694239616394043,
      12, 123456, 214748.3647, 2 ** 31, -(2 ** 31), 2 ** 53, 1e21, 1.5e300, Number.MIN_VALUE, NaN, Infinity, -Infinity, 9.9999, 0.9999, 1.0001];
    // Random 4-decimal scores (the results' own) and random doubles.
    for (let index = 0; index < 20000; index++) {
      values.push(Math.round((Math.random() * 2 - 1) * 1e4) / 1e4);
      values.push(Math.random() * 2 - 1);
      values.push(Math.round(Math.random() * 1e6) / 1e4);
    }
    for (const value of values) expect(written((out) => out.number(value))).toBe(JSON.stringify(value));
  });

  it('writes strings exactly as JSON.stringify does', () => {
    const strings = ['', 'plain', 'say "hi"', 'back\\slash', 'tab\tline\nreturn\r', '\u0000\u001f\u007f', 'café 👍', 'lone \ud800 surrogate', 'end \udfff', '\u2028\u2029', '~'];
    for (const text of strings) expect(written((out) => out.string(text))).toBe(JSON.stringify(text));
  });

  it('grows past its first allocation and starts over after take()', () => {
    const out = new JsonBytes(8);
    const long = 'x'.repeat(1000);
    out.ascii('[');
    out.string(long);
    out.ascii(',');
    out.utf8(JSON.stringify({ emoji: '👍'.repeat(300) }));
    out.ascii(']');
    expect(out.byteLength).toBe(Buffer.byteLength(`[${JSON.stringify(long)},${JSON.stringify({ emoji: '👍'.repeat(300) })}]`));
    expect(JSON.parse(out.take().toString('utf8'))).toEqual([long, { emoji: '👍'.repeat(300) }]);
    expect(out.byteLength).toBe(0);
    out.ascii('{}');
    expect(out.take().toString('utf8')).toBe('{}');
  });

  it('grows from a zero first allocation (an empty batch sized at 0 bytes a line)', () => {
    const out = new JsonBytes(0);
    out.ascii('[]');
    expect(out.take().toString('utf8')).toBe('[]');
    const empty = new JsonBytes(0, new ArrayBuffer(0));
    empty.string('é');
    expect(empty.take().toString('utf8')).toBe('"é"');
  });

  it('hands over a buffer of its own, which can be transferred', () => {
    const out = new JsonBytes(16);
    out.ascii('"ok"');
    const bytes = out.take();
    // Node's pooled small buffers share one ArrayBuffer; transferring one would detach the others.
    expect(bytes.buffer.byteLength).toBe(16);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(bytes, [bytes.buffer]);
    expect(bytes.byteLength).toBe(0);
    port1.close();
    port2.close();
  });

  it('writes into a spare buffer, and grows into a new one when a write outgrows it', () => {
    const spare = new ArrayBuffer(64);
    new Uint8Array(spare).fill(0x78);
    const out = new JsonBytes(32, spare);
    out.string('reused');
    const bytes = out.take();
    expect(bytes.buffer).toBe(spare);
    expect(bytes.toString('utf8')).toBe('"reused"');

    const small = new ArrayBuffer(8);
    const other = new JsonBytes(32, small);
    other.string('not in the small one');
    const written = other.take();
    expect(written.buffer).not.toBe(small);
    expect(written.toString('utf8')).toBe('"not in the small one"');
  });
});
