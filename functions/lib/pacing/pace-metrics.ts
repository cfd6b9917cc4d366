import type { PaceView } from '../schemas/pace-answers';

/**
 * Where the shared pacing budget reports each change it writes (the port): the rate as found, what the runs may
 * draw of it, and the 429s that change reported. The composition root chooses where it goes
 * (aws/emf-pace-metrics.ts: CloudWatch metrics as EMF, the dashboard's pacing row); a budget without one reports nothing.
 */
export interface PaceMetrics {
  changed(view: PaceView, rateLimited: number): void;
}
