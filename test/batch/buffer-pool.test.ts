import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../src/batch/buffer-pool.js';

describe('BufferPool', () => {
  it('makes a buffer of at least the size asked, rounded up to a power of two from 64 KiB', () => {
    const pool = new BufferPool(4);
    expect(pool.take(1).byteLength).toBe(64 * 1024);
    expect(pool.take(64 * 1024).byteLength).toBe(64 * 1024);
    expect(pool.take(64 * 1024 + 1).byteLength).toBe(128 * 1024);
    expect(pool.take(700_000).byteLength).toBe(1024 * 1024);
  });

  it('hands a given-back buffer out again, the smallest that fits', () => {
    const pool = new BufferPool(4);
    const small = pool.take(1000);
    const large = pool.take(500_000);
    pool.give(large);
    pool.give(small);
    expect(pool.size).toBe(2);
    expect(pool.take(100)).toBe(small);
    expect(pool.take(100)).toBe(large);
    expect(pool.size).toBe(0);
  });

  it('makes a new buffer when no spare is large enough, and keeps the spares', () => {
    const pool = new BufferPool(4);
    const small = pool.take(1000);
    pool.give(small);
    const bigger = pool.take(200_000);
    expect(bigger).not.toBe(small);
    expect(bigger.byteLength).toBeGreaterThanOrEqual(200_000);
    expect(pool.size).toBe(1);
  });

  it('keeps at most `limit` spares, never the same buffer twice, and drops detached ones', () => {
    const pool = new BufferPool(2);
    const [a, b, c] = [pool.take(10), pool.take(10), pool.take(10)];
    pool.give(a);
    pool.give(a);
    expect(pool.size).toBe(1);
    pool.give(b);
    pool.give(c);
    expect(pool.size).toBe(2);
    const detached = pool.take(10);
    structuredClone(detached, { transfer: [detached] });
    expect(detached.byteLength).toBe(0);
    pool.give(detached);
    pool.give(undefined);
    expect(pool.size).toBe(1);
  });
});
