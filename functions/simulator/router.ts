import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './http';
import type { SimState } from './state';

export interface RequestContext {
  method: string;
  /** Path below /v1, e.g. `/people/abc`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  trackingId: string;
  /** `http://host:port`, as the client addressed us, for absolute next-page links. */
  origin: string;
  state: SimState;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'wrongMethod'; allow: string[] }
  | { kind: 'none' };

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  staticCount: number;
}

/** Segment patterns (`/people/:personId`); a literal segment beats a parameter (`/licenses/users`). */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    const segments = pattern.split('/').filter(Boolean);
    this.routes.push({ method, segments, handler, staticCount: segments.filter((s) => !s.startsWith(':')).length });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean);
    let best: { route: Route; params: Record<string, string> }[] = [];
    let bestScore = -1;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.staticCount > bestScore) {
        best = [];
        bestScore = route.staticCount;
      }
      if (route.staticCount === bestScore) best.push({ route, params });
    }
    if (best.length === 0) return { kind: 'none' };
    const hit = best.find((b) => b.route.method === method);
    if (hit) return { kind: 'found', handler: hit.route.handler, params: hit.params };
    return { kind: 'wrongMethod', allow: [...new Set(best.map((b) => b.route.method))] };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
      } catch {
        return undefined;
      }
    } else if (pattern[i] !== parts[i]) {
      return undefined;
    }
  }
  return params;
}
