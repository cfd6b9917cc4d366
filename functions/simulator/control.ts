import { parseFault, parseRateLimit, type FaultController } from './faults';
import { errorBody, type Reply } from './http';
import type { SimSeed } from './state';

/** What the control endpoints operate on (the running simulator). */
export interface ControlTarget {
  faults: FaultController;
  requests: unknown[];
  clearRequests(): void;
  reset(seed?: SimSeed): void;
}

const ROUTES: Record<string, string[]> = {
  '/_sim/faults': ['GET', 'POST', 'DELETE'],
  '/_sim/rate-limit': ['GET', 'PUT'],
  '/_sim/requests': ['GET', 'DELETE'],
  '/_sim/reset': ['POST'],
  '/_sim/health': ['GET'],
};

/**
 * `/_sim/*`: the simulator's own API, without auth, so another process (the local runtime, a
 * benchmark) can inject faults, read the request log and reset the org.
 */
export function handleControl(target: ControlTarget, method: string, path: string, raw: string, trackingId: string): Reply {
  const allowed = ROUTES[path];
  if (!allowed) return { status: 404, body: errorBody(`No control endpoint ${path}.`, trackingId) };
  if (!allowed.includes(method)) {
    return { status: 405, body: errorBody(`Use ${allowed.join(', ')} on ${path}.`, trackingId), headers: { allow: allowed.join(', ') } };
  }
  let body: unknown;
  try {
    body = raw ? JSON.parse(raw) : undefined;
  } catch {
    return { status: 400, body: errorBody('The request body is not valid JSON.', trackingId) };
  }
  const invalid = (message: string): Reply => ({ status: 400, body: errorBody(message, trackingId) });

  switch (`${method} ${path}`) {
    case 'GET /_sim/health':
      return { status: 200, body: { status: 'ok' } };
    case 'GET /_sim/faults':
      return {
        status: 200,
        body: target.faults.list().map((f) => ({
          ...f,
          times: f.times === Infinity ? null : f.times,
          ...(f.match ? { match: { ...f.match, path: f.match.path instanceof RegExp ? String(f.match.path) : f.match.path } } : {}),
        })),
      };
    case 'POST /_sim/faults': {
      const fault = parseFault(body);
      if (typeof fault === 'string') return invalid(fault);
      target.faults.add(fault);
      return { status: 204 };
    }
    case 'DELETE /_sim/faults':
      target.faults.clear();
      return { status: 204 };
    case 'GET /_sim/rate-limit':
      return { status: 200, body: target.faults.rateLimitOptions ?? null };
    case 'PUT /_sim/rate-limit': {
      const limit = parseRateLimit(body);
      if (typeof limit === 'string') return invalid(limit);
      target.faults.rateLimit(limit);
      return { status: 204 };
    }
    case 'GET /_sim/requests':
      return { status: 200, body: target.requests };
    case 'DELETE /_sim/requests':
      target.clearRequests();
      return { status: 204 };
    case 'POST /_sim/reset':
      if (body !== undefined && !isSeed(body)) return invalid('The body, when given, must be a complete seed (see SimSeed).');
      target.reset(body);
      return { status: 204 };
    default:
      return { status: 404, body: errorBody(`No control endpoint ${method} ${path}.`, trackingId) };
  }
}

const SEED_LISTS = ['locations', 'licenses', 'numbers', 'people', 'oauthClients', 'accessTokens', 'refreshTokens'] as const;

function isSeed(value: unknown): value is SimSeed {
  if (typeof value !== 'object' || value === null) return false;
  const seed = value as Record<string, unknown>;
  return typeof seed.orgId === 'string' && SEED_LISTS.every((key) => Array.isArray(seed[key]));
}
