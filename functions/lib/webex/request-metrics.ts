/**
 * What the Webex client reports of each attempt it sends (the port): its answer's status, or that no answer
 * came, and how long it took. The composition root chooses where it goes (aws/emf-webex-metrics.ts: CloudWatch
 * metrics as EMF); a client without one reports nothing. Only the status, the kind of failure and a duration
 * cross this port: never a path, a token, an e-mail address or a trackingId.
 */
export interface WebexAttempt {
  /** The HTTP status Webex answered; absent when no answer came (`failure`). */
  status?: number;
  failure?: 'timeout' | 'connection';
  durationMs: number;
}

export interface WebexRequestMetrics {
  attempted(attempt: WebexAttempt): void;
}
