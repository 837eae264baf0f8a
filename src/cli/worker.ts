/**
 * `verbatim worker`: consumes queued ingest jobs (POST /v1/feedback?async=true) from NATS
 * JetStream, analyzes them in batches and writes them to the store, acknowledging each message
 * only after its write. Run any number, on any host, against the same queue and database.
 * The loop itself is src/queue/worker.ts; this file parses options, wires the store and the
 * engine, logs JSON lines on stderr and shuts down gracefully on SIGTERM/SIGINT.
 */
import type { Command } from 'commander';
import { DEFAULT_DB_PATH } from '../server/config.js';
import {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_MAX_DELIVER,
  DEFAULT_QUEUE_URL,
  DEFAULT_WORKER_BATCH_SIZE,
  DEFAULT_WORKER_CONCURRENCY,
  RETRY_BASE_DELAY_MS,
} from '../queue/defaults.js';
import type { RunningWorker } from '../queue/worker.js';
import { parsePositiveInteger } from './analysis-options.js';

export interface WorkerCommandOptions {
  queue?: string;
  namespace?: string;
  db?: string;
  batchSize: string;
  concurrency: string;
  maxDeliver: string;
  ackWait: string;
  retryDelay: string;
  quiet?: boolean;
}

type Level = 'info' | 'warn' | 'error';

/** One JSON line per event on stderr, in the shape of the server's (pino) logs. */
function jsonLogger(quiet: boolean): (level: Level, message: string, fields?: Record<string, unknown>) => void {
  return (level, message, fields = {}) => {
    if (quiet && level === 'info') return;
    process.stderr.write(JSON.stringify({ level, time: new Date().toISOString(), pid: process.pid, msg: message, ...fields }) + '\n');
  };
}

/** Adds the worker command to the program. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Consume queued ingest jobs from NATS JetStream, analyze them in batches and store them (run any number).')
    .option('--queue <url>', `NATS server with JetStream (env VERBATIM_QUEUE_URL, default ${DEFAULT_QUEUE_URL})`)
    .option('--namespace <name>', 'prefix of the queue streams and subjects (env VERBATIM_QUEUE_NAMESPACE, default verbatim)')
    .option('--db <location>', `store: SQLite file or postgres:// URL (env VERBATIM_DB, default ${DEFAULT_DB_PATH})`)
    .option('--batch-size <n>', 'messages analyzed and written per batch', String(DEFAULT_WORKER_BATCH_SIZE))
    .option('--concurrency <n>', 'batches in flight at once in this process (analysis of one overlaps the write of another)', String(DEFAULT_WORKER_CONCURRENCY))
    .option('--max-deliver <n>', 'deliveries of a failing message before it goes to the dead-letter queue', String(DEFAULT_MAX_DELIVER))
    .option('--ack-wait <seconds>', "seconds without an ack or heartbeat before a message is redelivered (a dead worker's batch)", String(DEFAULT_ACK_WAIT_MS / 1000))
    .option('--retry-delay <ms>', 'first retry delay of a failed message, doubled per delivery', String(RETRY_BASE_DELAY_MS))
    .option('-q, --quiet', 'log only warnings and errors')
    .addHelpText(
      'after',
      [
        '',
        'Logs are JSON lines on stderr: start, a progress line every 10 s (rows, rows/s), retries,',
        'dead letters, and the totals on exit. SIGTERM or SIGINT stops pulling, hands back fetched',
        'messages that were not started, finishes the batch in flight and exits 0; a second signal exits at once.',
        'Messages of a killed worker are redelivered to the others after --ack-wait.',
        'The queue settings (--ack-wait, --max-deliver) live on the shared consumer: the last worker started sets them.',
        '',
        'Examples:',
        '  verbatim worker --queue nats://127.0.0.1:4222 --db postgres://verbatim@db/verbatim',
        '  verbatim worker --db data/verbatim.db --batch-size 128 --concurrency 2',
      ].join('\n'),
    )
    .action(async (options: WorkerCommandOptions) => {
      await runWorkerCommand(options);
    });
}

/** Validates the options, runs the worker until a signal, then closes everything. */
export async function runWorkerCommand(options: WorkerCommandOptions): Promise<void> {
  const batchSize = parsePositiveInteger(options.batchSize, '--batch-size');
  const concurrency = parsePositiveInteger(options.concurrency, '--concurrency');
  const maxDeliver = parsePositiveInteger(options.maxDeliver, '--max-deliver');
  const ackWaitMs = parsePositiveInteger(options.ackWait, '--ack-wait') * 1000;
  const retryDelayMs = parsePositiveInteger(options.retryDelay, '--retry-delay');
  const queueUrl = options.queue ?? (process.env.VERBATIM_QUEUE_URL || DEFAULT_QUEUE_URL);
  const namespace = options.namespace ?? (process.env.VERBATIM_QUEUE_NAMESPACE || undefined);
  const db = options.db ?? (process.env.VERBATIM_DB || DEFAULT_DB_PATH);
  const log = jsonLogger(Boolean(options.quiet));

  const [{ connectQueue }, { openStore }, { createEngine }, { createTaxonomyEngines }, { startWorker }] = await Promise.all([
    import('../queue/connection.js'),
    import('../store/index.js'),
    import('../engine.js'),
    import('../server/jobs/taxonomy-engines.js'),
    import('../queue/worker.js'),
  ]);
  const queue = await connectQueue(queueUrl, { namespace, ackWaitMs, maxDeliver, name: `verbatim-worker-${process.pid}` });
  const store = await openStore(db).catch(async (error: unknown) => {
    await queue.close();
    throw error;
  });
  const engine = await createEngine({});
  const engines = createTaxonomyEngines(store, engine);
  const worker: RunningWorker = startWorker({
    queue,
    store,
    engine: () => engines.resolve(),
    batchSize,
    concurrency,
    maxDeliver,
    ackWaitMs,
    retryDelayMs,
    log,
  });
  log('info', 'worker started', { queue: queueUrl, namespace: queue.names.namespace, db: db.replace(/\/\/[^@/]*@/, '//***@'), batchSize, concurrency, maxDeliver, ackWaitMs });

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) process.exit(1);
    signalled = true;
    log('info', 'stopping: finishing the batch in flight', { signal });
    void worker.stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const totals = await worker.done;
    log('info', 'worker stopped', { ...totals });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await queue.close();
    await engines.close();
    await store.close();
    await engine.close();
  }
}
