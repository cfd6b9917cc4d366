import { randomUUID } from 'node:crypto';

/** One PutEvents entry as a state machine's `events:putEvents` Task sends it. */
export interface PutEventsEntry {
  EventBusName?: string;
  Source: string;
  DetailType: string;
  /** An object in the ASL (Step Functions serialises it); a string when sent through the SDK. */
  Detail: unknown;
  Resources?: string[];
}

export interface PublishedEvent {
  id: string;
  /** When it was published (ISO 8601), as EventBridge's `time`. */
  time: string;
  eventBusName?: string;
  source: string;
  detailType: string;
  detail: unknown;
}

/**
 * One line per published event, for a terminal and for grep: `event <time> <detail-type> (<source>) <detail JSON>`.
 * The detail carries no secret (the state machines publish outcomes, never tokens).
 */
export function eventLine(event: PublishedEvent): string {
  return `event ${event.time} ${event.detailType} (${event.source}) ${JSON.stringify(event.detail)}`;
}

/**
 * The lifecycle bus locally: records what the state machines publish (their Completed / Failed events),
 * hands each to `onPublish`, and answers as PutEvents does. In AWS the ASL's `events:putEvents` Task publishes to the real bus.
 */
export class LocalEventBus {
  readonly published: PublishedEvent[] = [];

  /** `onPublish` sees each event as it is published (`npm start` prints it with eventLine). */
  constructor(private readonly onPublish?: (event: PublishedEvent) => void) {}

  putEvents(parameters: { Entries?: PutEventsEntry[] }): { Entries: { EventId: string }[]; FailedEntryCount: number } {
    const entries = parameters.Entries ?? [];
    const ids = entries.map((e) => {
      const id = randomUUID();
      const detail = typeof e.Detail === 'string' ? JSON.parse(e.Detail) : e.Detail;
      const event = { id, time: new Date().toISOString(), eventBusName: e.EventBusName, source: e.Source, detailType: e.DetailType, detail };
      this.published.push(event);
      this.onPublish?.(event);
      return { EventId: id };
    });
    return { Entries: ids, FailedEntryCount: 0 };
  }

  clear(): void {
    this.published.length = 0;
  }
}
