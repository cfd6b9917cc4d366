import type { CallingStatus, ScimGroupState, ScimUserState } from './schema';

export type ScimResourceType = 'User' | 'Group';

/**
 * One SCIM resource as the activity table keeps it: what the client asked for (`state`, its `version`, one more at
 * every write) and what the machines applied of it (`appliedVersion`, `callingStatus`, `lastError`). A deleted
 * resource stays (`deleted`) until its leaver ran, but is gone for the protocol.
 */
export interface ScimItem<S = ScimUserState | ScimGroupState> {
  id: string;
  resourceType: ScimResourceType;
  state: S;
  version: number;
  created: string;
  lastModified: string;
  /** The digest of the state its POST carried: a re-sent POST of the same content is answered, not refused. */
  createDigest: string;
  /** The version the machines last finished applying (0: none yet). */
  appliedVersion: number;
  callingStatus: CallingStatus;
  lastError?: string;
  /** The state the machines last applied in full: what the next write's changes are measured against. */
  appliedState?: S;
  /** The SCIM client that wrote the latest version (its OAuth client, or the caller API Gateway names). */
  client?: string;
  deleted?: boolean;
}
export type ScimUserItem = ScimItem<ScimUserState>;
export type ScimGroupItem = ScimItem<ScimGroupState>;

/** The attributes a resource is unique by (RFC 7643 `uniqueness: server`), each a lookup without a scan. */
export type UniqueAttribute = 'userName' | 'externalId' | 'displayName';

/** What the store's callers see of a refused unique value: which attribute. */
export class ScimUniquenessError extends Error {
  override readonly name = 'ScimUniquenessError';
  constructor(readonly attribute: UniqueAttribute, options?: ErrorOptions) {
    super(`${attribute} is already taken`, options);
  }
}

/** Another write changed the resource since it was read: read it again. */
export class ScimVersionConflictError extends Error {
  override readonly name = 'ScimVersionConflictError';
}

/** The apply's exclusive hold on one resource, so its writes reach Webex in order. */
export interface ScimLease {
  owner: string;
  until: string;
}

/**
 * The SCIM resources in the activity table (the port): DynamoDB in AWS, the same adapter against dynalite locally
 * (aws/dynamodb-scim-store.ts). Unique values are marker items claimed with conditional writes (DynamoDB Local
 * and dynalite have no transactions, and a crashed claim heals itself: see the adapter).
 */
export interface ScimStore {
  get(type: ScimResourceType, id: string): Promise<ScimItem | undefined>;
  findBy(type: ScimResourceType, attribute: UniqueAttribute, value: string): Promise<ScimItem | undefined>;
  /** Users with this e-mail among their `emails` (not unique). */
  findByEmail(value: string): Promise<ScimItem[]>;
  /** One page in userName (displayName) order, from `startIndex` (1-based), and how many there are. */
  list(type: ScimResourceType, startIndex: number, count: number): Promise<{ total: number; items: ScimItem[] }>;
  /** A new resource; ScimUniquenessError when a unique value is another's. */
  create(item: ScimItem): Promise<void>;
  /** The next version of a resource read at `previous.version`: ScimVersionConflictError when another write came first. */
  replace(item: ScimItem, previous: ScimItem): Promise<void>;
  /**
   * What the apply did: the version it finished (never taking appliedVersion back) and how, or with no version, what
   * one of its actions brought Webex to (`appliedState`) while more may follow.
   */
  recordApplied(type: ScimResourceType, id: string, result: Partial<Pick<ScimItem, 'appliedVersion' | 'callingStatus' | 'lastError' | 'appliedState'>>): Promise<void>;
  /** Takes the apply lease on a resource unless another owner holds an unexpired one; false when it does. */
  takeLease(type: ScimResourceType, id: string, lease: ScimLease, now: string): Promise<boolean>;
  releaseLease(type: ScimResourceType, id: string, owner: string): Promise<void>;
}
