/**
 * Progress for long CLI jobs on stderr: a live line (rows, rows/s, ETA when the total is known)
 * on a terminal, plain periodic lines otherwise, so logs of batch jobs stay readable.
 */

/** How often a non-terminal progress line is printed. */
const PLAIN_INTERVAL_MS = 10_000;
/** How often the terminal line is redrawn. */
const TTY_INTERVAL_MS = 200;

export interface Progress {
  add(rows: number): void;
  done(): void;
}

/** A progress reporter; `enabled: false` makes every call a no-op (e.g. --quiet). */
export function createProgress(options: {
  stream?: NodeJS.WriteStream;
  total?: number;
  /**
   * Share of the work done, 0..1, when the row total is unknown but the input size is (bytes read
   * / file size); gives the percentage and ETA. Ignored when `total` is set.
   */
  fraction?: () => number;
  enabled?: boolean;
  label?: string;
}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.enabled === false) return { add() {}, done() {} };
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  const label = options.label ?? 'analyzed';
  let rows = 0;
  let lastPrint = started;
  let printedAnything = false;

  const render = (): string => {
    const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
    const rate = rows / seconds;
    let line = `${label} ${rows.toLocaleString('en-US')} rows, ${Math.round(rate).toLocaleString('en-US')} rows/s`;
    if (options.total && rate > 0) {
      const remaining = Math.max(options.total - rows, 0) / rate;
      line += `, ${Math.round((100 * rows) / options.total)}%, ETA ${Math.ceil(remaining)}s`;
    } else if (options.fraction) {
      const done = Math.min(Math.max(options.fraction(), 0), 1);
      if (done > 0) line += `, ${Math.round(100 * done)}%, ETA ${Math.ceil((seconds * (1 - done)) / done)}s`;
    }
    return line;
  };

  return {
    add(count) {
      rows += count;
      const now = Date.now();
      const interval = tty ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS;
      if (now - lastPrint < interval) return;
      lastPrint = now;
      printedAnything = true;
      stream.write(tty ? `\r\x1b[K${render()}` : `${render()}\n`);
    },
    done() {
      if (tty && printedAnything) stream.write(`\r\x1b[K`);
    },
  };
}
