import { describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/server/config.js';
import { VerbatimError } from '../../src/errors.js';

describe('loadServerConfig', () => {
  it('fills the documented defaults from an empty environment', () => {
    expect(loadServerConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dbPath: 'data/verbatim.db',
      apiKeys: [],
      demo: true,
      warmUp: true,
      languageDetect: true,
      requestLog: true,
      rateLimitPerMinute: 600,
      bodyLimitBytes: 5 * 1024 * 1024,
      maxCommentsPerRequest: 1000,
      analyzeWorkers: 0,
      queueUrl: null,
      queueMaxDepth: 100_000,
      queueNamespace: 'verbatim',
    });
  });

  it.each([
    [{ PORT: '8080' }, {}, 'port', 8080],
    [{ HOST: '0.0.0.0' }, {}, 'host', '0.0.0.0'],
    [{ VERBATIM_API_KEYS: ' k1, ,k2 ' }, {}, 'apiKeys', ['k1', 'k2']],
    [{ VERBATIM_DEMO: '0' }, {}, 'demo', false],
    [{ VERBATIM_DEMO: 'false' }, {}, 'demo', false],
    [{ VERBATIM_WARM_UP: '0' }, {}, 'warmUp', false],
    [{ VERBATIM_LANGUAGE_DETECT: '0' }, {}, 'languageDetect', false],
    [{ VERBATIM_REQUEST_LOG: 'no' }, {}, 'requestLog', false],
    [{ VERBATIM_RATE_LIMIT: '5' }, {}, 'rateLimitPerMinute', 5],
    [{ PORT: '' }, {}, 'port', 3000],
    [{ PORT: '8080' }, { port: '9090' }, 'port', 9090],
    [{ VERBATIM_DB: 'a.db' }, { db: 'b.db' }, 'dbPath', 'b.db'],
    [{ VERBATIM_DEMO: '1' }, { demo: false }, 'demo', false],
    [{ VERBATIM_API_KEYS: 'env' }, { apiKeys: 'flag' }, 'apiKeys', ['flag']],
  ] as const)('reads %j with overrides %j into %s', (env, overrides, field, expected) => {
    expect(loadServerConfig(env, overrides)[field]).toEqual(expected);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ VERBATIM_DEMO: 'maybe' }, 'VERBATIM_DEMO'],
    [{ VERBATIM_WARM_UP: 'later' }, 'VERBATIM_WARM_UP'],
    [{ VERBATIM_LANGUAGE_DETECT: 'es' }, 'VERBATIM_LANGUAGE_DETECT'],
    [{ VERBATIM_RATE_LIMIT: '0' }, 'VERBATIM_RATE_LIMIT'],
    [{ VERBATIM_BODY_LIMIT: '10' }, 'VERBATIM_BODY_LIMIT'],
  ])('rejects %j naming the variable', (env, variable) => {
    let caught: unknown;
    try {
      loadServerConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VerbatimError);
    expect((caught as VerbatimError).code).toBe('VERBATIM_E_INVALID_CONFIG');
    expect((caught as VerbatimError).message).toContain(`at ${variable}:`);
  });
});
