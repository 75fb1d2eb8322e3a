// Request dispatch of the fake HubSpot: control API (/__fake), pages (/contacts/…), the pages'
// internal endpoints (/api/fake-ui/…) and the public API (/crm, /account-info, /oauth).
// Every request except the control API's is logged; faults apply to everything but the control API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessTokenInfo, authError, isApiPath, matchRoute, normalizeApiPath, scopeError, serializeContact } from './api';
import {
  escapeHtml,
  hsError,
  isRecord,
  parseBody,
  queryRecord,
  readBody,
  reply,
  sleep,
  validationError,
  HTML_TYPE,
  JSON_TYPE,
  type ParsedBody,
  type Reply,
} from './http';
import { Faults, RateLimiter, faultJson, faultReply } from './limits';
import { Pages } from './pages/ui';
import { applyRoad, isRoadWrite } from './roads';
import type { Contact, FakeState, PortalState } from './state';
import type { FaultSpec, OtherWrite, RateLimitOptions, RequestLogEntry, Seed } from './types';

export interface ServerContext {
  state: FakeState;
  seed: Seed;
  requests: RequestLogEntry[];
  faults: Faults;
  limiter: RateLimiter;
  pages: Pages;
  quiet: boolean;
  reset(): void;
}

type Kind = RequestLogEntry['kind'];

function classify(path: string): Kind {
  if (isApiPath(path)) return 'api';
  if (path.startsWith('/contacts/') || path === '/contacts' || path.startsWith('/workflows/')) return 'page';
  if (path.startsWith('/api/fake-ui/')) return 'ui';
  return 'other';
}

function bearer(h: string | undefined): string | null {
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1]!.trim() : null;
}

/** What goes on the wire for a reply (a `malformed` fault cuts the body in the middle). */
export interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function render(r: Reply, malformed: boolean): Rendered {
  let body: string;
  let type: string;
  if (r.html !== undefined) {
    body = r.html;
    type = r.contentType ?? HTML_TYPE;
  } else if (r.text !== undefined) {
    body = r.text;
    type = r.contentType ?? 'text/plain;charset=utf-8';
  } else if (r.json !== undefined) {
    body = JSON.stringify(r.json);
    type = JSON_TYPE;
  } else {
    body = '';
    type = JSON_TYPE;
  }
  let status = r.status;
  if (malformed) {
    // Cut the body in the middle: a 200 that does not parse.
    body = body.length > 1 ? body.slice(0, Math.max(1, Math.floor(body.length / 2))) : '{';
    status = 200;
  }
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (body !== '' || r.json !== undefined) headers['content-type'] = type;
  if (status === 204 || status === 304) body = '';
  return { status, headers, body };
}

async function handleApi(ctx: ServerContext, authorization: string | undefined, method: string, path: string, url: URL, body: ParsedBody): Promise<Reply> {
  const normalized = normalizeApiPath(path);
  if (body.kind === 'invalid') return hsError(400, 'VALIDATION_ERROR', `Invalid input JSON on line 1: ${body.error}`);
  const json = body.kind === 'json' ? body.value : undefined;

  if (normalized === '/oauth/v2/private-apps/get/access-token-info') {
    if (method !== 'POST') return hsError(405, undefined, 'Method not allowed');
    return accessTokenInfo(ctx.state.tokens, json);
  }

  const tokenKey = bearer(authorization);
  const token = tokenKey ? ctx.state.tokens.get(tokenKey) : undefined;
  if (!token || token.revoked) return authError();
  const portal = ctx.state.portal(token.portalId);
  if (!portal) return authError();

  const match = matchRoute(method, normalized);
  const isSearch = !!(match && 'route' in match && match.route.search);
  const limit = ctx.limiter.take(tokenKey!, token.portalId, isSearch);
  if (!limit.ok) return limit.reply;
  const withHeaders = (r: Reply): Reply => ({ ...r, headers: { ...limit.headers, ...(r.headers ?? {}) } });

  if (!match) return withHeaders(hsError(404, undefined, `No route for ${method} ${path}`));
  if ('methodNotAllowed' in match) return withHeaders(hsError(405, undefined, `Method ${method} not allowed for ${path}`));
  const { route, params } = match;
  const scopes: readonly string[] = route.scope === null ? [] : typeof route.scope === 'string' ? [route.scope] : route.scope;
  if (scopes.length > 0 && !scopes.some((s) => token.scopes.includes(s))) return withHeaders(scopeError(scopes[0]!));
  return withHeaders(route.handle({ method, path: normalized, rawPath: path, query: url.searchParams, body: json, portal, token }, params));
}

function cors(r: Reply): Reply {
  return {
    ...r,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': 'content-type',
      ...(r.headers ?? {}),
    },
  };
}

function handleControl(ctx: ServerContext, method: string, path: string, url: URL, body: ParsedBody): Reply {
  if (method === 'OPTIONS') return cors({ status: 204 });
  if (body.kind === 'invalid') return cors(validationError(`Invalid JSON: ${body.error}`));
  const json = body.kind === 'json' ? body.value : undefined;
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  let m: RegExpExecArray | null;

  if (route === 'GET /__fake/health') return cors(reply(200, { ok: true, seed: ctx.state.seedName }));
  if (route === 'GET /__fake/requests') {
    const kind = url.searchParams.get('kind');
    const prefix = url.searchParams.get('pathPrefix');
    const entries = ctx.requests.filter((r) => (!kind || r.kind === kind) && (!prefix || r.path.startsWith(prefix)));
    return cors(reply(200, entries));
  }
  if (route === 'DELETE /__fake/requests') {
    ctx.requests.length = 0;
    return cors(reply(200, { ok: true }));
  }
  if (route === 'POST /__fake/reset') {
    ctx.reset();
    return cors(reply(200, { ok: true }));
  }
  if (route === 'GET /__fake/faults') return cors(reply(200, ctx.faults.list().map(faultJson)));
  if (route === 'POST /__fake/faults') {
    if (!isRecord(json)) return cors(validationError('Body must be a fault spec'));
    const fault = ctx.faults.add(json as FaultSpec);
    return cors(reply(201, faultJson(fault)));
  }
  if (route === 'DELETE /__fake/faults') {
    ctx.faults.clear();
    return cors(reply(200, { ok: true }));
  }
  if ((m = /^DELETE \/__fake\/faults\/(\d+)$/.exec(route))) {
    return cors(reply(ctx.faults.remove(Number(m[1])) ? 200 : 404, { ok: true }));
  }
  if (route === 'GET /__fake/state') return cors(reply(200, ctx.state.toJSON(url.searchParams.get('full') === '1')));
  if (route === 'GET /__fake/rate-limit') return cors(reply(200, ctx.limiter.settings));
  if (route === 'PUT /__fake/rate-limit') {
    if (json !== false && !isRecord(json)) return cors(validationError('Body must be { perTenSeconds?, searchPerSecond?, daily? } or false'));
    ctx.limiter.configure(json === false ? false : (json as RateLimitOptions));
    ctx.limiter.reset();
    return cors(reply(200, ctx.limiter.settings));
  }
  if (route === 'GET /__fake/ui') return cors(reply(200, ctx.state.ui));
  if (route === 'PUT /__fake/ui') {
    if (!isRecord(json)) return cors(validationError('Body must be { collapsedSections?, dataDelayMs?, sidebarDelayMs?, pickerInPopover?, bareTags? }'));
    if (Array.isArray(json.collapsedSections)) ctx.state.ui.collapsedSections = json.collapsedSections.map(String);
    if (typeof json.dataDelayMs === 'number') ctx.state.ui.dataDelayMs = json.dataDelayMs;
    if (typeof json.sidebarDelayMs === 'number') ctx.state.ui.sidebarDelayMs = json.sidebarDelayMs;
    if (typeof json.pickerInPopover === 'boolean') ctx.state.ui.pickerInPopover = json.pickerInPopover;
    if (typeof json.bareTags === 'boolean') ctx.state.ui.bareTags = json.bareTags;
    return cors(reply(200, ctx.state.ui));
  }
  if (route === 'GET /__fake/history') return cors(reply(200, { limit: firstPortal(ctx)?.historyLimit ?? null }));
  if (route === 'PUT /__fake/history') {
    // Entries per property that propertiesWithHistory returns (newest first); null = all.
    const limit = isRecord(json) ? json.limit : undefined;
    if (!(limit === null || (typeof limit === 'number' && Number.isInteger(limit) && limit > 0))) return cors(validationError('Body must be { limit: positive integer | null }'));
    for (const portal of ctx.state.portals.values()) portal.historyLimit = limit;
    return cors(reply(200, { limit }));
  }
  if ((m = /^POST \/__fake\/contacts\/([^/]+)\/road$/.exec(route))) {
    // A write by another road: import, bulk edit, workflow, merge, integration, mobile app, sidebar (roads.ts).
    const id = decodeURIComponent(m[1]!);
    if (!isRoadWrite(json)) return cors(validationError(`Body must be { road: ${ROAD_NAMES}, properties, mode?, otherUpdatedAt?, otherId?, userId?, sourceId?, platform?, at?, sourceType? }`));
    if (json.at !== undefined && Number.isNaN(Date.parse(json.at))) return cors(validationError('"at" must be an ISO date-time'));
    const found = ctx.state.findContact(id);
    if (!found) return cors(hsError(404, 'OBJECT_NOT_FOUND', 'resource not found'));
    const result = applyRoad(found.portal, found.contact, json);
    if ('errors' in result) return cors(validationError(`Property values were not valid: ${JSON.stringify(result.errors)}`));
    const props = Object.keys(json.properties);
    return cors(reply(200, { changed: result.changed, contact: serializeContact(found.portal, found.contact, props, props) }));
  }
  if ((m = /^POST \/__fake\/contacts\/([^/]+)$/.exec(route))) {
    // "Someone else" edits the contact in HubSpot's UI meanwhile (conflict tests).
    const id = decodeURIComponent(m[1]!);
    if (!isRecord(json) || !(isRecord(json.properties) || isRecord(json.addTokens) || isRecord(json.removeTokens) || isRecord(json.appendLines))) {
      return cors(validationError('Body must be { properties?, addTokens?, removeTokens?, appendLines?, portalId?, userId?, sourceType? }'));
    }
    const found =
      json.portalId !== undefined
        ? (() => {
            const portal = ctx.state.portal(String(json.portalId));
            const contact = portal?.contacts.get(id);
            return portal && contact ? { portal, contact } : undefined;
          })()
        : ctx.state.findContact(id);
    if (!found) return cors(hsError(404, 'OBJECT_NOT_FOUND', 'resource not found'));
    const result = otherWrite(found.portal, found.contact, json as OtherWrite);
    if ('errors' in result) return cors(validationError(`Property values were not valid: ${JSON.stringify(result.errors)}`));
    return cors(reply(200, { changed: result.changed, contact: serializeContact(found.portal, found.contact, result.props, result.props) }));
  }
  return cors(hsError(404, undefined, `No control route ${route}`));
}

const ROAD_NAMES = 'import | bulk-edit | workflow | merge | integration | mobile | sidebar';

function firstPortal(ctx: ServerContext): PortalState | undefined {
  return ctx.state.portals.values().next().value;
}

/** Applies someone else's edit as one write (read-modify-write on the current values). */
export function otherWrite(portal: PortalState, contact: Contact, w: OtherWrite): { changed: string[]; props: string[] } | { errors: unknown[] } {
  const wanted: Record<string, unknown> = { ...(w.properties ?? {}) };
  const current = (name: string) => String(wanted[name] ?? contact.properties[name] ?? '');
  const tokens = (name: string) => current(name).split(';').map((v) => v.trim()).filter(Boolean);
  for (const [name, add] of Object.entries(w.addTokens ?? {})) wanted[name] = [...new Set([...tokens(name), ...add])].join(';');
  for (const [name, remove] of Object.entries(w.removeTokens ?? {})) wanted[name] = tokens(name).filter((v) => !remove.includes(v)).join(';');
  for (const [name, line] of Object.entries(w.appendLines ?? {})) {
    const before = current(name);
    wanted[name] = before === '' || before.endsWith('\n') ? before + line : `${before}\n${line}`;
  }
  const { values, errors } = portal.validateWrite(wanted);
  if (errors.length) return { errors };
  const userId = typeof w.userId === 'number' ? w.userId : portal.otherUserId;
  const sourceType = typeof w.sourceType === 'string' ? w.sourceType : 'CRM_UI';
  const changed = portal.applyWrite(contact, values, { sourceType, sourceId: `userId:${userId}`, updatedByUserId: userId });
  return { changed, props: Object.keys(values) };
}

/** A fault's `interleave`: someone else's edit of the contact the request is about, just before it. */
function interleaveWrite(ctx: ServerContext, normalizedPath: string, w: OtherWrite): void {
  const m = /^\/crm\/v3\/objects\/(?:contacts|0-1)\/([^/]+)$/.exec(normalizedPath);
  const found = m ? ctx.state.findContact(decodeURIComponent(m[1]!)) : undefined;
  if (found) otherWrite(found.portal, found.contact, w);
}

function rootPage(ctx: ServerContext): Reply {
  const links = [...ctx.state.portals.values()]
    .map((p) => {
      const first = p.contacts.ids()[0];
      return `<li>Portal ${p.portalId}: <a href="/contacts/${p.portalId}/objectLists/views/all">Segmente</a>${first ? ` · <a href="/contacts/${p.portalId}/record/0-1/${escapeHtml(first)}">Kontakt ${escapeHtml(first)}</a>` : ''}</li>`;
    })
    .join('');
  return { status: 200, contentType: HTML_TYPE, html: `<!doctype html><meta charset="utf-8"><title>Fake HubSpot</title><h1>Fake HubSpot (${escapeHtml(ctx.state.seedName)})</h1><ul>${links}</ul>` };
}

/** One request as the fake sees it, whatever carried it (a socket or an in-process fetch). */
export interface FakeRequest {
  method: string;
  /** Host name without port. */
  host: string;
  /** Path and query. */
  url: string;
  body: string;
  authorization?: string;
}

/** The answer, or `drop`: the connection closes without one (a network error for the client). */
export type FakeAnswer = { drop: true } | ({ drop: false } & Rendered);

/** Serves one request against the shared state: the node servers and `fakeFetch` both use it. */
export async function dispatch(ctx: ServerContext, req: FakeRequest): Promise<FakeAnswer> {
  const started = Date.now();
  const method = req.method.toUpperCase();
  const host = req.host.replace(/:\d+$/, '');
  let url: URL;
  try {
    url = new URL(req.url || '/', 'http://fake.invalid');
  } catch {
    return { drop: false, ...render({ status: 400, json: { message: 'bad url' } }, false) };
  }
  const path = url.pathname;
  const body = parseBody(req.body);

  if (path === '/__fake' || path.startsWith('/__fake/')) return { drop: false, ...render(handleControl(ctx, method, path, url, body), false) };

  const kind = classify(path);
  let r: Reply;
  let malformed = false;
  let drop = false;
  try {
    const normalizedPath = kind === 'api' ? normalizeApiPath(path) : path;
    const fault = ctx.faults.take({ method, path, normalizedPath, host });
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.interleave) interleaveWrite(ctx, normalizedPath, fault.interleave);
    const forced = fault ? faultReply(fault) : null;
    const serve = async (): Promise<Reply> => {
      if (kind === 'api') return handleApi(ctx, req.authorization, method, path, url, body);
      if (kind === 'page') {
        if (method !== 'GET' && method !== 'HEAD') return { status: 405, text: 'Method not allowed' };
        return path.startsWith('/workflows/') ? ctx.pages.workflowPage(path, url.searchParams) : ctx.pages.page(path, url.searchParams);
      }
      if (kind === 'ui') return ctx.pages.uiApi(method, path, url.searchParams, body.kind === 'json' ? body.value : undefined);
      if (path === '/' && method === 'GET') return rootPage(ctx);
      if (path === '/favicon.ico') return { status: 204 };
      return { status: 404, text: 'Not found' };
    };
    if (fault?.after) {
      // The request takes effect; only its answer is lost or replaced (a write that landed although the client saw it fail).
      const served = await serve();
      r = forced ?? served;
      drop = !!fault.drop;
    } else {
      drop = !!fault?.drop;
      r = forced ?? (drop ? { status: 0 } : await serve());
      malformed = !forced && !drop && !!fault?.malformed;
    }
  } catch (e) {
    r = hsError(500, undefined, `internal error in the fake: ${e instanceof Error ? e.message : String(e)}`);
    if (!ctx.quiet) console.error('[fake-hubspot]', e);
  }

  const tokenKey = kind === 'api' ? bearer(req.authorization) : null;
  const tokenInBody = body.kind === 'json' && isRecord(body.value) && typeof body.value.tokenKey === 'string' ? body.value.tokenKey : null;
  const shownToken = tokenKey ?? (kind === 'api' ? tokenInBody : null);
  const entry: RequestLogEntry = {
    method,
    host,
    path,
    query: queryRecord(url.searchParams),
    body: body.kind === 'json' ? body.value : body.kind === 'invalid' ? body.raw : undefined,
    status: drop ? 0 : malformed ? 200 : r.status,
    at: new Date(started).toISOString(),
    kind,
    durationMs: Date.now() - started,
  };
  if (shownToken) entry.token = shownToken.slice(-4);
  // Never keep a full token in the log, also not in a logged body.
  if (isRecord(entry.body) && typeof entry.body.tokenKey === 'string') entry.body = { ...entry.body, tokenKey: `…${entry.body.tokenKey.slice(-4)}` };
  ctx.requests.push(entry);
  if (!ctx.quiet) console.error(`[fake-hubspot] ${method} ${host}${path} → ${drop ? 'dropped' : entry.status} (${entry.durationMs} ms)`);
  return drop ? { drop: true } : { drop: false, ...render(r, malformed) };
}

export function createHandler(ctx: ServerContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      const r = render(hsError(413, undefined, 'Request body too large'), false);
      res.writeHead(r.status, { ...r.headers, 'content-length': Buffer.byteLength(r.body) });
      res.end(r.body);
      return;
    }
    const a = await dispatch(ctx, {
      method: req.method ?? 'GET',
      host: req.headers.host ?? '',
      url: req.url ?? '/',
      body: raw,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    if (a.drop) {
      req.socket.destroy();
      return;
    }
    res.writeHead(a.status, { ...a.headers, 'content-length': Buffer.byteLength(a.body) });
    res.end(a.body === '' ? undefined : a.body);
  };
}
