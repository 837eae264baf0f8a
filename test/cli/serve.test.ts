import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { registerServe, serveOverrides } from '../../src/cli/serve.js';
import { loadServerConfig } from '../../src/server/config.js';

function parseFlags(args: string[]) {
  const program = new Command('verbatim').exitOverride();
  registerServe(program);
  const serve = program.commands.find((command) => command.name() === 'serve')!;
  serve.action(() => undefined);
  program.parse(['node', 'verbatim', 'serve', ...args]);
  return serveOverrides(serve.opts());
}

describe('verbatim serve flags', () => {
  it.each([
    [[], {}],
    [['--port', '8080'], { port: '8080' }],
    [['--host', '0.0.0.0', '--db', 'x.db'], { host: '0.0.0.0', db: 'x.db' }],
    [['--api-keys', 'a,b'], { apiKeys: 'a,b' }],
    [['--no-demo'], { demo: false }],
  ])('maps %j to overrides %j', (args, expected) => {
    expect(parseFlags(args)).toEqual(expected);
  });

  it('lets flags override the environment and keeps unset ones from it', () => {
    const config = loadServerConfig({ PORT: '4000', VERBATIM_DEMO: '1', HOST: '10.0.0.1' }, parseFlags(['--port', '5000', '--no-demo']));
    expect(config).toMatchObject({ port: 5000, demo: false, host: '10.0.0.1' });
  });
});
