import { badRequest, notFound } from '../errors';
import type { Reply } from '../http';
import type { RequestContext, Router } from '../router';
import { webexId } from '../ids';
import { pstnProviderOf, type LocationRecord, type SimState } from '../state';
import { extensionStatus as statusOf } from '../calling';
import { bodyObject, cursorPage, intParam } from './params';

/**
 * Common Locations API, plus the calling view of a location (`/telephony/config/locations`) where
 * the routing prefix and main number live.
 */
export function registerLocations(router: Router): void {
  router
    .on('GET', '/locations', listLocations)
    .on('GET', '/locations/:locationId', getLocation)
    .on('GET', '/telephony/config/locations', listCallingLocations)
    .on('GET', '/telephony/config/locations/:locationId', getCallingLocation)
    .on('GET', '/telephony/pstn/locations/:locationId/connection', getPstnConnection)
    .on('POST', '/telephony/config/locations/:locationId/actions/validateExtensions/invoke', validateExtensions);
}

/** Validate Extensions for a location (calling/webex-location-call-settings.yml): one status per extension, in order. */
function validateExtensions(ctx: RequestContext): Reply {
  const location = requireCallingLocation(ctx.state, ctx.params.locationId);
  const list = bodyObject(ctx).extensions;
  if (!Array.isArray(list) || list.length === 0 || !list.every((e) => typeof e === 'string')) {
    throw badRequest('extensions must be a non-empty array of strings.');
  }
  const seen = new Set<string>();
  const extensionStatus = (list as string[]).map((extension) => {
    if (seen.has(extension)) return { extension, state: 'DUPLICATE_IN_LIST', errorCode: 9498 };
    seen.add(extension);
    return { extension, ...statusOf(ctx.state, location.id, extension) };
  });
  return { status: 200, body: { status: extensionStatus.every((e) => e.state === 'VALID') ? 'OK' : 'ERRORS', extensionStatus } };
}

export function requireLocation(state: SimState, locationId: string): LocationRecord {
  const location = state.locations.get(locationId);
  if (!location) throw notFound('Location not found.');
  return location;
}

/**
 * A location enabled for Webex Calling. Webex answers telephony calls about any other location with an
 * unclassified 400 (observed on live orgs, wording ours); the workflows check the calling location
 * list first so callers never see it.
 */
export function requireCallingLocation(state: SimState, locationId: string): LocationRecord {
  const location = requireLocation(state, locationId);
  if (!location.callingEnabled) throw badRequest(`Location ${location.name} is not a Webex Calling location.`);
  return location;
}

function locationView(state: SimState, l: LocationRecord): Record<string, unknown> {
  return {
    id: l.id,
    name: l.name,
    orgId: state.orgId,
    address: { ...l.address },
    timeZone: l.timeZone,
    preferredLanguage: l.preferredLanguage,
    latitude: l.latitude,
    longitude: l.longitude,
    notes: l.notes,
  };
}

function filtered(ctx: RequestContext): LocationRecord[] {
  const { state, query } = ctx;
  let locations = [...state.locations.values()];
  const orgId = query.get('orgId');
  if (orgId !== null && orgId !== state.orgId) locations = [];
  const name = query.get('name');
  if (name !== null) locations = locations.filter((l) => l.name.toLowerCase().includes(name.toLowerCase()));
  const id = query.get('id');
  if (id !== null) locations = locations.filter((l) => l.id === id);
  return locations;
}

function listLocations(ctx: RequestContext): Reply {
  const max = intParam(ctx, 'max', 1) ?? 500;
  const page = cursorPage(ctx, filtered(ctx), max, (id) => ctx.state.sequenceOf(id));
  return { status: 200, body: { items: page.items.map((l) => locationView(ctx.state, l)) }, headers: page.headers };
}

function getLocation(ctx: RequestContext): Reply {
  return { status: 200, body: locationView(ctx.state, requireLocation(ctx.state, ctx.params.locationId)) };
}

function callingLocationView(l: LocationRecord): Record<string, unknown> {
  return {
    id: l.id,
    name: l.name,
    announcementLanguage: l.announcementLanguage,
    ...(l.mainNumber ? { callingLineId: { name: l.name, phoneNumber: l.mainNumber } } : {}),
    routingPrefix: l.routingPrefix,
    outsideDialDigit: '9',
    enforceOutsideDialDigit: false,
    defaultDomain: 'sim-demo.calls.webex.com',
    address: { ...l.address },
  };
}

/** Only locations enabled for Webex Calling (webex-locations.yml "List Locations Webex Calling Details"). */
function listCallingLocations(ctx: RequestContext): Reply {
  return { status: 200, body: { locations: filtered(ctx).filter((l) => l.callingEnabled).map(callingLocationView) } };
}

function getCallingLocation(ctx: RequestContext): Reply {
  const location = requireLocation(ctx.state, ctx.params.locationId);
  if (!location.callingEnabled) throw notFound('Location not found.');
  return { status: 200, body: callingLocationView(location) };
}

const PSTN_NAMES: Record<NonNullable<LocationRecord['pstn']>, string> = {
  LOCAL_GATEWAY: 'Premises-based PSTN',
  NON_INTEGRATED_CCP: 'Cloud Connected PSTN (non-integrated)',
  INTEGRATED_CCP: 'Cloud Connected PSTN (integrated)',
  CISCO_PSTN: 'Cisco Calling Plan',
};

/** GET /telephony/pstn/locations/{id}/connection (calling/webex-pstn.yml, ConnectionResponse). */
function getPstnConnection(ctx: RequestContext): Reply {
  const location = requireCallingLocation(ctx.state, ctx.params.locationId);
  if (!location.pstn) throw notFound('PSTN connection not found for the location.');
  return {
    status: 200,
    body: {
      id: webexId('PSTN_CONNECTION', `pstn-${pstnProviderOf(location)}`),
      displayName: PSTN_NAMES[location.pstn],
      pstnServices: ['GEOGRAPHIC_NUMBERS'],
      pstnConnectionType: location.pstn,
      ...(location.pstn === 'LOCAL_GATEWAY' ? { routeType: 'TRUNK', routeId: webexId('TRUNK', `trunk-${pstnProviderOf(location)}`) } : {}),
    },
  };
}
