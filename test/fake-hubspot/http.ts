// Small HTTP helpers shared by the API routes, the pages and the control API.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const JSON_TYPE = 'application/json;charset=utf-8';
export const HTML_TYPE = 'text/html;charset=utf-8';

/** What a route answers; the server turns it into bytes (and may truncate it for a fault). */
export interface Reply {
  status: number;
  /** JSON body (serialized by the server). */
  json?: unknown;
  /** HTML body. */
  html?: string;
  /** Plain body with its own content type. */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const reply = (status: number, json: unknown, headers?: Record<string, string>): Reply => ({ status, json, headers });

export function correlationId(): string {
  return randomUUID();
}

/** HubSpot's error body: `{ status: "error", message, correlationId, category, … }`. */
export function hsError(status: number, category: string | undefined, message: string, extra: Record<string, unknown> = {}): Reply {
  const body: Record<string, unknown> = { status: 'error', message, correlationId: correlationId() };
  if (category) body.category = category;
  Object.assign(body, extra);
  return { status, json: body };
}

export const notFound = (message = 'resource not found'): Reply => hsError(404, 'OBJECT_NOT_FOUND', message);
export const validationError = (message: string, extra: Record<string, unknown> = {}): Reply =>
  hsError(400, 'VALIDATION_ERROR', message, extra);

export async function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; raw: string; error: string };

export function parseBody(raw: string): ParsedBody {
  if (raw.trim() === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(raw) as unknown };
  } catch (e) {
    return { kind: 'invalid', raw, error: e instanceof Error ? e.message : String(e) };
  }
}

export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** A repeated or comma-separated query parameter (`properties=a,b` or `properties=a&properties=b`). */
export function listParam(params: URLSearchParams, name: string): string[] | null {
  if (!params.has(name)) return null;
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function stringArray(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  return v.filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => String(x));
}

/** Opaque paging cursor, like HubSpot's (clients must not compute with it). */
export function encodeCursor(value: string | number): string {
  return Buffer.from(`c:${value}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null): string | null {
  if (!cursor) return null;
  try {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    return text.startsWith('c:') ? text.slice(2) : null;
  } catch {
    return null;
  }
}

/** HTML escaping for server-side strings. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON that can sit inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
