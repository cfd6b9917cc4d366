import { randomBytes } from 'node:crypto';
import { webexId, type WebexIdType } from './ids';

/**
 * The simulated organisation: plain records plus the few mutations that must keep them consistent
 * (license units, number ownership, the e-mail index, tokens). Request validation lives in the routes
 * and in `calling.ts`; nothing here knows about HTTP.
 */

/** `pstnConnectionType` of GET /telephony/pstn/locations/{id}/connection (calling/webex-pstn.yml, PSTNType). */
export type PstnType = 'LOCAL_GATEWAY' | 'NON_INTEGRATED_CCP' | 'INTEGRATED_CCP' | 'CISCO_PSTN';
export type NumberState = 'ACTIVE' | 'INACTIVE';
export type RingPattern = 'NORMAL' | 'LONG_LONG' | 'SHORT_SHORT_LONG' | 'SHORT_LONG_SHORT';
export type PersonStatus =
  | 'active' | 'call' | 'DoNotDisturb' | 'inactive' | 'meeting' | 'OutOfOffice' | 'pending' | 'presenting' | 'unknown';

export interface LocationAddress {
  address1: string;
  address2?: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface LocationRecord {
  id: string;
  name: string;
  timeZone: string;
  preferredLanguage: string;
  announcementLanguage: string;
  address: LocationAddress;
  latitude?: string;
  longitude?: string;
  notes?: string;
  /**
   * Enabled for Webex Calling: listed by `/telephony/config/locations`. A location from `/locations` need
   * not be (webex-locations.yml vs. the calling location list); without it nothing telephony works there.
   */
  callingEnabled: boolean;
  /** Webex Calling details (`/telephony/config/locations`). */
  routingPrefix?: string;
  /**
   * The PSTN connection. Cisco's document warns against adding numbers through the API on integrated ones
   * (INTEGRATED_CCP, CISCO_PSTN; webex-numbers.yml) but Webex does not refuse it. Absent: none set up.
   */
  pstn?: PstnType;
  /**
   * Which connection: the Local Gateway (trunk) or the provider of the PSTN (Webex's `id` of the connection
   * option, calling/webex-pstn.yml). Numbers travel only between locations with the same one (numberTravelProblem).
   */
  pstnProvider?: string;
  /** The location's CLID; one of its numbers. */
  mainNumber?: string;
  /** Extensions of the location's call park feature: not listed as numbers, but taken. */
  callParkExtensions?: string[];
}

/** A reason Webex gives for refusing something: a move-users error (dry run or job) or a request error. */
export interface CodedProblem {
  code: number;
  message: string;
}

/**
 * Why a number of `from` cannot move with its user to `to`, or undefined when it can (impact 19717). The
 * codes and texts are Webex's move-users errors as wxc_sdk lists them (wxc_sdk/telephony/jobs/__init__.py,
 * MoveUsersJobsApi.validate_or_initiate). Which case raises which code is this simulator's reading of them:
 * - Local Gateway: 27976 "Local Gateway configuration is different with new group", so a number travels
 *   between locations on the same gateway (`pstnProvider`, the trunk) and not elsewhere;
 * - non-integrated CCP: 10050010 "Moving On Premises or Non Integrated CCP numbers … is not supported";
 * - Cisco PSTN and integrated CCP: Cisco's Initiate Number Jobs text (webex-numbers.yml) requires the same
 *   PSTN connection type, the same provider and the same country for a number to change location: 10010014
 *   "Different Carrier move is not supported for numbers with different country or region", 10010005
 *   "Different Carrier move is not supported for non-Cisco PSTN carriers", 10010003/10010004 a location
 *   without a carrier.
 */
/** The location's connection: its own `pstnProvider`, else Cisco's one Calling Plan, else one of its own. */
export function pstnProviderOf(location: LocationRecord): string {
  return location.pstnProvider ?? (location.pstn === 'CISCO_PSTN' ? 'cisco-calling-plan' : `${location.routingPrefix ?? location.name}`);
}

export function numberTravelProblem(from: LocationRecord | undefined, to: LocationRecord | undefined, phoneNumber: string): CodedProblem | undefined {
  if (!from?.pstn) return { code: 10010004, message: '[Error 10010004] from-location must have a carrier' };
  if (from.pstn === 'NON_INTEGRATED_CCP') {
    return { code: 10050010, message: '[Error 10050010] Moving On Premises or Non Integrated CCP numbers from one location to another is not supported.' };
  }
  if (from.pstn === 'LOCAL_GATEWAY') {
    return to?.pstn === 'LOCAL_GATEWAY' && pstnProviderOf(to) === pstnProviderOf(from)
      ? undefined
      : { code: 27976, message: `[Error 27976] Local Gateway configuration is different with new group. Phone number: ${phoneNumber}` };
  }
  if (!to?.pstn) return { code: 10010003, message: '[Error 10010003] to-location must have a carrier' };
  if (to.address.country !== from.address.country) {
    return { code: 10010014, message: '[Error 10010014] Different Carrier move is not supported for numbers with different country or region.' };
  }
  if (to.pstn !== from.pstn || pstnProviderOf(to) !== pstnProviderOf(from)) {
    return { code: 10010005, message: '[Error 10010005] Different Carrier move is not supported for non-Cisco PSTN carriers.' };
  }
  return undefined;
}

export interface LicenseRecord {
  id: string;
  name: string;
  totalUnits: number;
  /** A Webex Calling user license: assigning it needs a location and a number or extension. */
  calling: boolean;
  subscriptionId?: string;
  siteUrl?: string;
  siteType?: 'Control Hub managed site' | 'Linked site' | 'Site Admin managed site';
}

export interface NumberOwner {
  personId: string;
  kind: 'PRIMARY' | 'ALTERNATE';
  /** Alternates may carry their own extension; a primary's extension lives on the person. */
  extension?: string;
  ringPattern?: RingPattern;
}

export interface NumberRecord {
  phoneNumber: string;
  locationId: string;
  state: NumberState;
  tollFree: boolean;
  service: boolean;
  /** A mobile number (`includedTelephonyTypes: MOBILE_NUMBER`); inactive until assigned. */
  mobile?: boolean;
  /**
   * Reserved (`isReservedNumber`): "Reserved numbers cannot be assigned to people, features, or services"
   * (Cisco's numbers document, 2026-06, as docs/webex-api.md records it).
   */
  reserved?: boolean;
  owner?: NumberOwner;
}

export interface PersonAddress {
  type?: string;
  country?: string;
  locality?: string;
  region?: string;
  streetAddress?: string;
  postalCode?: string;
}

export interface PersonRecord {
  id: string;
  emails: string[];
  displayName: string;
  firstName?: string;
  lastName?: string;
  nickName?: string;
  avatar?: string;
  department?: string;
  title?: string;
  manager?: string;
  managerId?: string;
  addresses?: PersonAddress[];
  roles: string[];
  licenses: string[];
  siteUrls: string[];
  /** Directory numbers that the People API shows but does not let an admin set. */
  otherNumbers: { type: 'mobile' | 'fax'; value: string }[];
  /** Present exactly while the person holds a calling license. The primary number is a NumberRecord. */
  calling?: { locationId: string; extension?: string };
  distinctiveRingEnabled: boolean;
  created: string;
  lastModified: string;
  timezone?: string;
  lastActivity?: string;
  status: PersonStatus;
  invitePending: boolean;
  loginEnabled: boolean;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  name?: string;
}

/** Plain, JSON-serialisable data; token lifetimes are relative to the moment the seed is loaded. */
export interface SimSeed {
  orgId: string;
  locations: LocationRecord[];
  licenses: LicenseRecord[];
  numbers: NumberRecord[];
  people: PersonRecord[];
  oauthClients: OAuthClient[];
  accessTokens: { token: string; expiresInSeconds: number }[];
  refreshTokens: { token: string; clientId: string; expiresInSeconds: number }[];
}

/** A move-users job (`/telephony/config/jobs/person/moveLocation`); see routes/move-users.ts. */
export interface MoveJobRecord {
  id: string;
  instanceId: number;
  trackingId: string;
  created: string;
  /** The target location and the users with the number/extension each gets there. */
  locationId: string;
  users: { userId: string; phoneNumber?: string; extension?: string }[];
  status: 'STARTING' | 'STARTED' | 'COMPLETED' | 'FAILED';
  exitCode: 'UNKNOWN' | 'COMPLETED' | 'FAILED' | 'COMPLETED_WITH_ERRORS' | 'COMPLETED_WITH_PENDING_ORDERS';
  /** Status reads left before the job runs. */
  pollsLeft: number;
  /** When set, the job runs at the first read at or after this time (ms), whatever pollsLeft says. */
  runAt?: number;
  ended?: string;
  moved: number;
  failed: number;
  errors: { userId: string; code: number; message: string }[];
  /** A number order of the job is still pending (moveJobTiming.pendingOrders). */
  pendingOrders?: boolean;
}

export type RefreshTokenProblem = 'unknown' | 'revoked' | 'expired' | 'wrong_client';

interface RefreshTokenRecord {
  clientId: string;
  expiresAt: number;
  revoked: boolean;
}

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 14 * 24 * 3600;
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export class SimState {
  orgId = '';
  readonly people = new Map<string, PersonRecord>();
  readonly licenses = new Map<string, LicenseRecord>();
  readonly locations = new Map<string, LocationRecord>();
  readonly numbers = new Map<string, NumberRecord>();
  readonly clients = new Map<string, OAuthClient>();
  readonly moveJobs = new Map<string, MoveJobRecord>();
  /**
   * How a move-users job advances: it runs (moves its users, or fails) at the `pollsToComplete`-th read
   * of its status, or once `delayMs` has passed if that is set. A reset restores the default; tests set it.
   */
  /**
   * When a move job runs: after `pollsToComplete` status reads or `delayMs`. With `pendingOrders`, a job that
   * gives a user a new number ends COMPLETED_WITH_PENDING_ORDERS ("Job has completed with pending number
   * orders", webex-user-call-settings-2-2.yml): the user is moved, the number order is left pending (the
   * simulator never completes it), so the user shows no primary number.
   */
  moveJobTiming: { pollsToComplete: number; delayMs?: number; pendingOrders?: boolean } = { pollsToComplete: 2 };
  /**
   * The shape of the move-users POST answer. `live`: `response: {usersList, jobDetails}`, what wxc_sdk
   * reads on live orgs (wxc_sdk/telephony/jobs/__init__.py StartMoveUsersJobResponse,
   * tests/test_telephony_move_users_jobs.py); `documented`: `response: [...]` / `response: {id, …}`
   * (webex-user-call-settings-2-2.yml). A reset restores `live`.
   */
  moveAnswerShape: 'live' | 'documented' = 'live';
  private readonly accessTokens = new Map<string, number>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly emailIndex = new Map<string, string>();
  private readonly owned = new Map<string, Set<string>>();
  // Kept after deletion so a pagination cursor naming a deleted item still has a position.
  private readonly sequence = new Map<string, number>();
  private nextSequence = 0;

  constructor(seed: SimSeed, readonly now: () => number = Date.now) {
    this.load(seed);
  }

  /** Replaces everything with `seed` (deep-copied, so the seed object can be reused). */
  load(seed: SimSeed): void {
    const data = structuredClone(seed);
    for (const map of [this.people, this.licenses, this.locations, this.numbers, this.clients, this.accessTokens,
      this.refreshTokens, this.emailIndex, this.owned, this.sequence, this.moveJobs] as Map<string, unknown>[]) map.clear();
    this.nextSequence = 0;
    this.moveJobTiming = { pollsToComplete: 2 };
    this.moveAnswerShape = 'live';
    this.orgId = data.orgId;
    for (const l of data.locations) {
      this.locations.set(l.id, l);
      this.sequence.set(l.id, this.nextSequence++);
    }
    for (const l of data.licenses) this.licenses.set(l.id, l);
    for (const n of data.numbers) this.numbers.set(n.phoneNumber, n);
    for (const p of data.people) this.addPerson(p);
    for (const n of data.numbers) if (n.owner) this.ownedBy(n.owner.personId).add(n.phoneNumber);
    for (const c of data.oauthClients) this.clients.set(c.clientId, c);
    const now = this.now();
    for (const t of data.accessTokens) this.accessTokens.set(t.token, now + t.expiresInSeconds * 1000);
    for (const t of data.refreshTokens) {
      this.refreshTokens.set(t.token, { clientId: t.clientId, expiresAt: now + t.expiresInSeconds * 1000, revoked: false });
    }
  }

  newId(type: WebexIdType): string {
    return webexId(type);
  }

  timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  /** Position in creation order, for cursors. */
  sequenceOf(id: string): number {
    return this.sequence.get(id) ?? -1;
  }

  // ---- people -------------------------------------------------------------------------------

  addPerson(person: PersonRecord): void {
    this.people.set(person.id, person);
    this.sequence.set(person.id, this.nextSequence++);
    for (const email of person.emails) this.emailIndex.set(email.toLowerCase(), person.id);
  }

  personByEmail(email: string): PersonRecord | undefined {
    const id = this.emailIndex.get(email.toLowerCase());
    return id ? this.people.get(id) : undefined;
  }

  setEmails(person: PersonRecord, emails: string[]): void {
    for (const email of person.emails) this.emailIndex.delete(email.toLowerCase());
    person.emails = emails;
    for (const email of emails) this.emailIndex.set(email.toLowerCase(), person.id);
  }

  /** Deletes the person, releasing their licenses and numbers. */
  deletePerson(person: PersonRecord): void {
    this.clearCalling(person);
    person.licenses = [];
    for (const email of person.emails) this.emailIndex.delete(email.toLowerCase());
    this.people.delete(person.id);
  }

  // ---- licenses -----------------------------------------------------------------------------

  consumedUnits(licenseId: string): number {
    let used = 0;
    for (const p of this.people.values()) if (p.licenses.includes(licenseId)) used++;
    return used;
  }

  hasFreeUnit(licenseId: string): boolean {
    const license = this.licenses.get(licenseId);
    return !!license && this.consumedUnits(licenseId) < license.totalUnits;
  }

  callingLicenseOf(person: PersonRecord): string | undefined {
    return person.licenses.find((id) => this.licenses.get(id)?.calling);
  }

  isCallingLicense(licenseId: string): boolean {
    return !!this.licenses.get(licenseId)?.calling;
  }

  /** Adds a license (the caller has checked units and, for calling, set up calling data). */
  grantLicense(person: PersonRecord, licenseId: string): void {
    if (!person.licenses.includes(licenseId)) person.licenses.push(licenseId);
  }

  /** Removes a license; without a calling license the person loses numbers, extension and location. */
  revokeLicense(person: PersonRecord, licenseId: string): void {
    person.licenses = person.licenses.filter((id) => id !== licenseId);
    if (person.calling && !this.callingLicenseOf(person)) this.clearCalling(person);
  }

  // ---- numbers and calling data ---------------------------------------------------------------

  private ownedBy(personId: string): Set<string> {
    let set = this.owned.get(personId);
    if (!set) this.owned.set(personId, (set = new Set()));
    return set;
  }

  /** The person's numbers, primary first, then alternates in the order they were added. */
  numbersOf(personId: string): NumberRecord[] {
    const list = [...(this.owned.get(personId) ?? [])]
      .map((n) => this.numbers.get(n))
      .filter((n): n is NumberRecord => !!n);
    return [...list.filter((n) => n.owner?.kind === 'PRIMARY'), ...list.filter((n) => n.owner?.kind !== 'PRIMARY')];
  }

  primaryNumberOf(personId: string): NumberRecord | undefined {
    return this.numbersOf(personId).find((n) => n.owner?.kind === 'PRIMARY');
  }

  assignNumber(phoneNumber: string, owner: NumberOwner): void {
    const number = this.numbers.get(phoneNumber);
    if (!number) throw new Error(`No number ${phoneNumber}`);
    if (number.owner) this.owned.get(number.owner.personId)?.delete(phoneNumber);
    number.owner = owner;
    this.ownedBy(owner.personId).add(phoneNumber);
  }

  releaseNumber(phoneNumber: string): void {
    const number = this.numbers.get(phoneNumber);
    if (!number?.owner) return;
    this.owned.get(number.owner.personId)?.delete(phoneNumber);
    delete number.owner;
  }

  /** Is this extension taken in the location (by a person or an alternate number), ignoring `personId`? */
  extensionInUse(locationId: string, extension: string, exceptPersonId?: string): boolean {
    for (const p of this.people.values()) {
      if (p.id !== exceptPersonId && p.calling?.locationId === locationId && p.calling.extension === extension) return true;
    }
    for (const n of this.numbers.values()) {
      if (n.locationId === locationId && n.owner && n.owner.personId !== exceptPersonId && n.owner.extension === extension) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets the person's calling location, primary number and extension (already validated). A primary
   * number that changes is released; alternates stay.
   */
  setCalling(person: PersonRecord, target: { locationId: string; phoneNumber?: string; extension?: string }): void {
    const current = this.primaryNumberOf(person.id);
    if (current && current.phoneNumber !== target.phoneNumber) this.releaseNumber(current.phoneNumber);
    person.calling = { locationId: target.locationId, ...(target.extension ? { extension: target.extension } : {}) };
    if (target.phoneNumber && current?.phoneNumber !== target.phoneNumber) {
      this.assignNumber(target.phoneNumber, { personId: person.id, kind: 'PRIMARY' });
    }
  }

  clearCalling(person: PersonRecord): void {
    for (const n of this.numbersOf(person.id)) this.releaseNumber(n.phoneNumber);
    delete person.calling;
    person.distinctiveRingEnabled = false;
  }

  // ---- OAuth --------------------------------------------------------------------------------

  issueAccessToken(ttlSeconds: number = DEFAULT_ACCESS_TOKEN_TTL_SECONDS): string {
    const token = `SIMAT_${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(token, this.now() + ttlSeconds * 1000);
    return token;
  }

  isAccessTokenValid(token: string): boolean {
    const expiresAt = this.accessTokens.get(token);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  expireAccessToken(token: string): void {
    if (this.accessTokens.has(token)) this.accessTokens.set(token, this.now() - 1);
  }

  issueRefreshToken(clientId: string, ttlSeconds: number = DEFAULT_REFRESH_TOKEN_TTL_SECONDS): string {
    const token = `SIMRT_${randomBytes(32).toString('base64url')}`;
    this.refreshTokens.set(token, { clientId, expiresAt: this.now() + ttlSeconds * 1000, revoked: false });
    return token;
  }

  refreshTokenProblem(token: string, clientId: string): RefreshTokenProblem | undefined {
    const record = this.refreshTokens.get(token);
    if (!record) return 'unknown';
    if (record.revoked) return 'revoked';
    if (record.expiresAt <= this.now()) return 'expired';
    if (record.clientId !== clientId) return 'wrong_client';
    return undefined;
  }

  /** Seconds the refresh token has left (0 when unknown or expired). */
  refreshTokenSecondsLeft(token: string): number {
    const record = this.refreshTokens.get(token);
    return record ? Math.max(0, Math.floor((record.expiresAt - this.now()) / 1000)) : 0;
  }

  expireRefreshToken(token: string): void {
    const record = this.refreshTokens.get(token);
    if (record) record.expiresAt = this.now() - 1;
  }

  revokeRefreshToken(token: string): void {
    const record = this.refreshTokens.get(token);
    if (record) record.revoked = true;
  }
}
