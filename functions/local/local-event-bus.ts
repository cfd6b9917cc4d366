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
  eventBusName?: string;
  source: string;
  detailType: string;
  detail: unknown;
}

/**
 * The lifecycle bus locally: records what the state machines publish (their Completed / Failed events)
 * and answers as PutEvents does. In AWS the ASL's `events:putEvents` Task publishes to the real bus.
 */
export class LocalEventBus {
  readonly published: PublishedEvent[] = [];

  putEvents(parameters: { Entries?: PutEventsEntry[] }): { Entries: { EventId: string }[]; FailedEntryCount: number } {
    const entries = parameters.Entries ?? [];
    const ids = entries.map((e) => {
      const id = randomUUID();
      const detail = typeof e.Detail === 'string' ? JSON.parse(e.Detail) : e.Detail;
      this.published.push({ id, eventBusName: e.EventBusName, source: e.Source, detailType: e.DetailType, detail });
      return { EventId: id };
    });
    return { Entries: ids, FailedEntryCount: 0 };
  }

  clear(): void {
    this.published.length = 0;
  }
}

export const localEventBus = new LocalEventBus();
