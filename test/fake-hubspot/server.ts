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
import type { FakeState } from './state';
import type { FaultSpec, RateLimitOptions, RequestLogEntry, Seed } from './types';

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
  if (path.startsWith('/contacts/') || path === '/contacts') return 'page';
  if (path.startsWith('/api/fake-ui/')) return 'ui';
  return 'other';
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1]!.trim() : null;
}

function send(res: ServerResponse, r: Reply, malformed: boolean): void {
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
  const headers: Record<string, string | number> = { ...(r.headers ?? {}) };
  if (body !== '' || r.json !== undefined) headers['content-type'] = type;
  headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(status, headers);
  res.end(status === 204 || status === 304 ? undefined : body);
}

async function handleApi(ctx: ServerContext, req: IncomingMessage, method: string, path: string, url: URL, body: ParsedBody): Promise<Reply> {
  const normalized = normalizeApiPath(path);
  if (body.kind === 'invalid') return hsError(400, 'VALIDATION_ERROR', `Invalid input JSON on line 1: ${body.error}`);
  const json = body.kind === 'json' ? body.value : undefined;

  if (normalized === '/oauth/v2/private-apps/get/access-token-info') {
    if (method !== 'POST') return hsError(405, undefined, 'Method not allowed');
    return accessTokenInfo(ctx.state.tokens, json);
  }

  const tokenKey = bearer(req);
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
    if (!isRecord(json)) return cors(validationError('Body must be { collapsedSections?, dataDelayMs?, sidebarDelayMs?, pickerInPopover? }'));
    if (Array.isArray(json.collapsedSections)) ctx.state.ui.collapsedSections = json.collapsedSections.map(String);
    if (typeof json.dataDelayMs === 'number') ctx.state.ui.dataDelayMs = json.dataDelayMs;
    if (typeof json.sidebarDelayMs === 'number') ctx.state.ui.sidebarDelayMs = json.sidebarDelayMs;
    if (typeof json.pickerInPopover === 'boolean') ctx.state.ui.pickerInPopover = json.pickerInPopover;
    return cors(reply(200, ctx.state.ui));
  }
  if ((m = /^POST \/__fake\/contacts\/([^/]+)$/.exec(route))) {
    // "Someone else" edits the contact in HubSpot's UI meanwhile (conflict tests).
    const id = decodeURIComponent(m[1]!);
    if (!isRecord(json) || !isRecord(json.properties)) return cors(validationError('Body must be { properties: { … }, portalId?, userId?, sourceType? }'));
    const found =
      json.portalId !== undefined
        ? (() => {
            const portal = ctx.state.portal(String(json.portalId));
            const contact = portal?.contacts.get(id);
            return portal && contact ? { portal, contact } : undefined;
          })()
        : ctx.state.findContact(id);
    if (!found) return cors(hsError(404, 'OBJECT_NOT_FOUND', 'resource not found'));
    const { portal, contact } = found;
    const { values, errors } = portal.validateWrite(json.properties);
    if (errors.length) return cors(validationError(`Property values were not valid: ${JSON.stringify(errors)}`));
    const userId = typeof json.userId === 'number' ? json.userId : portal.otherUserId;
    const sourceType = typeof json.sourceType === 'string' ? json.sourceType : 'CRM_UI';
    const changed = portal.applyWrite(contact, values, { sourceType, sourceId: `userId:${userId}`, updatedByUserId: userId });
    const props = Object.keys(values);
    return cors(reply(200, { changed, contact: serializeContact(portal, contact, props, props) }));
  }
  return cors(hsError(404, undefined, `No control route ${route}`));
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

export function createHandler(ctx: ServerContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://fake.invalid');
    } catch {
      send(res, { status: 400, json: { message: 'bad url' } }, false);
      return;
    }
    const path = url.pathname;
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      send(res, hsError(413, undefined, 'Request body too large'), false);
      return;
    }
    const body = parseBody(raw);

    if (path === '/__fake' || path.startsWith('/__fake/')) {
      send(res, handleControl(ctx, method, path, url, body), false);
      return;
    }

    const kind = classify(path);
    let r: Reply;
    let malformed = false;
    try {
      const fault = ctx.faults.take({ method, path, normalizedPath: kind === 'api' ? normalizeApiPath(path) : path, host });
      if (fault?.delayMs) await sleep(fault.delayMs);
      const forced = fault ? faultReply(fault) : null;
      malformed = !forced && !!fault?.malformed;
      if (forced) r = forced;
      else if (kind === 'api') r = await handleApi(ctx, req, method, path, url, body);
      else if (kind === 'page') r = method === 'GET' || method === 'HEAD' ? ctx.pages.page(path, url.searchParams) : { status: 405, text: 'Method not allowed' };
      else if (kind === 'ui') r = await ctx.pages.uiApi(method, path, url.searchParams, body.kind === 'json' ? body.value : undefined);
      else if (path === '/' && method === 'GET') r = rootPage(ctx);
      else if (path === '/favicon.ico') r = { status: 204 };
      else r = { status: 404, text: 'Not found' };
    } catch (e) {
      r = hsError(500, undefined, `internal error in the fake: ${e instanceof Error ? e.message : String(e)}`);
      if (!ctx.quiet) console.error('[fake-hubspot]', e);
    }
    send(res, r, malformed);

    const tokenKey = kind === 'api' ? bearer(req) : null;
    const tokenInBody = body.kind === 'json' && isRecord(body.value) && typeof body.value.tokenKey === 'string' ? body.value.tokenKey : null;
    const shownToken = tokenKey ?? (kind === 'api' ? tokenInBody : null);
    const entry: RequestLogEntry = {
      method,
      host,
      path,
      query: queryRecord(url.searchParams),
      body: body.kind === 'json' ? body.value : body.kind === 'invalid' ? body.raw : undefined,
      status: malformed ? 200 : r.status,
      at: new Date(started).toISOString(),
      kind,
      durationMs: Date.now() - started,
    };
    if (shownToken) entry.token = shownToken.slice(-4);
    // Never keep a full token in the log, also not in a logged body.
    if (isRecord(entry.body) && typeof entry.body.tokenKey === 'string') entry.body = { ...entry.body, tokenKey: `…${entry.body.tokenKey.slice(-4)}` };
    ctx.requests.push(entry);
    if (!ctx.quiet) console.error(`[fake-hubspot] ${method} ${host}${path} → ${entry.status} (${entry.durationMs} ms)`);
  };
}
