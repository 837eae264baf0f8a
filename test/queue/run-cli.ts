/**
 * Runs the CLI from source (no build needed) so queue tests can spawn real worker processes:
 *   node --import tsx test/queue/run-cli.ts worker --queue nats://127.0.0.1:4222 --db FILE
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
