import { SIM_ACCESS_TOKEN } from './seed';
import { startSimulator } from './server';

/**
 * Runs the simulator as its own process (for the local runtime and benchmarks in other processes).
 * PORT sets the port (default 8080); the /_sim control endpoints stand in for the in-process API.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid PORT: ${process.env.PORT}`);
  const sim = await startSimulator({ port, host: '127.0.0.1' });
  console.log(sim.url);
  console.error(
    `Webex simulator listening on ${sim.url} (demo access token "${SIM_ACCESS_TOKEN}"; ` +
      `control endpoints under http://127.0.0.1:${sim.port}/_sim)`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`Webex simulator: ${signal}, shutting down`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Webex simulator failed to start:', error);
  process.exit(1);
});
