import { logger } from '../../functions/lib/logger';

export interface LogCapture {
  /** Every chunk written to stdout or stderr and every console call, in order. */
  lines: string[];
  restore(): void;
}

/**
 * Captures what the process writes (the logger at DEBUG, console, raw stream writes) instead of printing
 * it: the lines are the test's data, not CI's output.
 */
export function captureLogs(): LogCapture {
  const lines: string[] = [];
  logger.setLogLevel('DEBUG');
  const capture = (stream: NodeJS.WriteStream) => {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
    return () => void (stream.write = original);
  };
  const restoreOut = capture(process.stdout);
  const restoreErr = capture(process.stderr);
  const originalConsole = { ...console };
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  }
  return {
    lines,
    restore: () => {
      restoreOut();
      restoreErr();
      Object.assign(console, originalConsole);
      logger.setLogLevel('SILENT' as 'DEBUG');
    },
  };
}
