import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../src/errors.js';
import { decodeJobMessage, encodeIngestMessage, messageId } from '../../src/queue/messages.js';
import { queueNames } from '../../src/queue/topology.js';

const where = { seq: 7, subject: 'verbatim.jobs.j1' };

function decodeError(bytes: Uint8Array): VerbatimError {
  try {
    decodeJobMessage(bytes, where);
  } catch (error) {
    return error as VerbatimError;
  }
  throw new Error('expected decodeJobMessage to throw');
}

describe('queue messages', () => {
  it('round-trips a record with its job and position', () => {
    const record = { id: 'a', text: 'late again', date: '2026-03-01', metadata: { nested: [1, 2] } };
    expect(decodeJobMessage(encodeIngestMessage('j1', 4, record), where)).toEqual({ v: 1, kind: 'ingest', jobId: 'j1', index: 4, record });
    expect(messageId('j1', 4)).toBe('j1.4');
  });

  const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
  it.each([
    ['bytes that are not JSON', utf8('{"v":1,'), /not JSON/],
    ['invalid UTF-8', new Uint8Array([0xff, 0xfe]), /not JSON/],
    ['JSON that is not a job message', utf8('{"hello":"world"}'), /field "kind"/],
    ['a re-tag message without a record id', utf8('{"v":1,"kind":"retag","jobId":"j1","index":0}'), /field "id"/],
    ['an unknown version', utf8('{"v":2,"kind":"ingest","jobId":"j1","index":0,"record":{}}'), /field "v"/],
    ['a negative position', utf8('{"v":1,"kind":"ingest","jobId":"j1","index":-1,"record":{}}'), /field "index"/],
  ])('rejects %s as a poison message naming the message', (_, bytes, detail) => {
    const error = decodeError(bytes);
    expect(error.code).toBe('VERBATIM_E_QUEUE_MESSAGE');
    expect(error.message).toContain('Queue message 7 on verbatim.jobs.j1');
    expect(error.message).toMatch(detail);
  });
});

describe('queueNames', () => {
  it('derives streams, consumer and subjects from the namespace', () => {
    const names = queueNames('test-a1');
    expect(names).toMatchObject({ workStream: 'TEST_A1_WORK', failedStream: 'TEST_A1_FAILED', deadLetterStream: 'TEST_A1_DLQ', consumer: 'test-a1-workers' });
    expect(names.workSubject('job')).toBe('test-a1.jobs.job');
    expect(names.jobIdOfSubject('test-a1.jobs.3f2a')).toBe('3f2a');
    expect(names.jobIdOfSubject('test-a1.dlq.3f2a')).toBeNull();
    expect(names.jobIdOfSubject('other.jobs.3f2a')).toBeNull();
    expect(queueNames().workStream).toBe('VERBATIM_WORK');
  });

  it.each(['', 'Upper', 'has.dot', 'has space', '9starts-with-digit'])('refuses the namespace %j', (namespace) => {
    expect(() => queueNames(namespace)).toThrow(/VERBATIM_E_INVALID_CONFIG|queue namespace/);
  });
});
