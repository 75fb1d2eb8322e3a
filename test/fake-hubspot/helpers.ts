// Test helpers for the fake HubSpot's own tests (and for anyone who wants them).
import type { FakeHubspot } from './index';
import { TOKENS } from './seed';

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

/** Calls the fake over its http listener with a bearer token (default: the valid demo token). */
export async function call<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience: callers index freely into answers
  fake: FakeHubspot,
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? TOKENS.valid : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${fake.httpUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as T };
}
