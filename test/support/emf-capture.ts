import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * A Powertools Metrics instance that publishes (the tests run with POWERTOOLS_METRICS_DISABLED=true), and the EMF
 * documents it writes to stdout while `fn` runs.
 */
export async function captureEmf(serviceName: string, fn: (metrics: Metrics) => unknown): Promise<Record<string, any>[]> {
  const was = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  const metrics = new Metrics({ namespace: 'WebexProvisioning', serviceName });
  process.env.POWERTOOLS_METRICS_DISABLED = was;
  const written: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await fn(metrics);
  } finally {
    write.mockRestore();
  }
  return written.flatMap((c) => c.split('\n')).filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
}
