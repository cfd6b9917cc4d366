import { notFound } from '../errors';
import type { Reply } from '../http';
import type { RequestContext, Router } from '../router';
import type { LocationRecord, SimState } from '../state';
import { cursorPage, intParam } from './params';

/**
 * Common Locations API, plus the calling view of a location (`/telephony/config/locations`) where
 * the routing prefix and main number live.
 */
export function registerLocations(router: Router): void {
  router
    .on('GET', '/locations', listLocations)
    .on('GET', '/locations/:locationId', getLocation)
    .on('GET', '/telephony/config/locations', listCallingLocations)
    .on('GET', '/telephony/config/locations/:locationId', getCallingLocation);
}

export function requireLocation(state: SimState, locationId: string): LocationRecord {
  const location = state.locations.get(locationId);
  if (!location) throw notFound('Location not found.');
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

function listCallingLocations(ctx: RequestContext): Reply {
  return { status: 200, body: { locations: filtered(ctx).map(callingLocationView) } };
}

function getCallingLocation(ctx: RequestContext): Reply {
  return { status: 200, body: callingLocationView(requireLocation(ctx.state, ctx.params.locationId)) };
}
