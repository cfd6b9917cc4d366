import { logger } from '../../functions/lib/logger';

type Level = Parameters<typeof logger.setLogLevel>[0];

/**
 * Sets the shared logger's level for the invocations that follow; the returned function puts SILENT back.
 * Powertools' injectLambdaContext restores the level the logger was made with (POWERTOOLS_LOG_LEVEL, SILENT in
 * the tests) at the start of every invocation but the first (refreshSampleRateCalculation, for debug sampling,
 * which the suite does not use), so a level set for a test must outlive that.
 */
export function holdLogLevel(level: Level): () => void {
  logger.setLogLevel(level);
  logger.refreshSampleRateCalculation = () => undefined;
  return () => {
    delete (logger as Partial<typeof logger>).refreshSampleRateCalculation;
    logger.setLogLevel('SILENT' as Level);
  };
}

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
  const restoreLevel = holdLogLevel('DEBUG');
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
      restoreLevel();
    },
  };
}
