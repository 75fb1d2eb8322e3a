// The error kinds of the public contract (docs/contract.md, `panel-error[data-error-kind]`).
// Every failure between the extension (or the CLI) and HubSpot ends as exactly one of these.
export const ERROR_KINDS = [
  'not-configured',
  'auth',
  'scope',
  'portal-mismatch',
  'property-missing',
  'network',
  'rate-limit',
  'invalid-response',
  'conflict',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorDetail {
  /** HTTP status, when the failure came from an answer. */
  status?: number;
  /** Scopes HubSpot said are missing (403 MISSING_SCOPES). */
  missingScopes?: string[];
  /** Which call failed, e.g. "GET /crm/v3/lists/123" (no token, no host). */
  call?: string;
  /** ISO time after which a retry may succeed (rate limits). */
  retryAt?: string;
  /** HubSpot's own message, for the technical details line. */
  hubspotMessage?: string;
  /** Brands involved in a conflict. */
  brands?: string[];
  /** HubSpot's rate-limit policy of a 429 (`TEN_SECONDLY_ROLLING`, `SECONDLY`, `DAILY`). */
  policyName?: string;
  /** Finer cause inside a kind, picks the message variant (lib/hubspot/messages.ts):
   *  `timeout`, `server-error`, `not-json`, `schema`, `validation`, `not-found`, `origin`, `token-format`. */
  reason?: string;
  /** A call sent only once (a write) failed in a way another attempt could cure (429, 5xx, network). */
  retryable?: boolean;
  /** A write in several requests that failed part way: how many items were written, of how many. */
  done?: number;
  total?: number;
  /** Property involved (property-missing). */
  property?: string;
  /** Portal of the page and portal of the token (portal-mismatch). */
  portalId?: string;
  tokenPortalId?: string;
}

/** A failure as it crosses the message boundary: plain data, no prototype. */
export interface GatewayErrorData {
  kind: ErrorKind;
  message: string;
  detail: ErrorDetail;
}

export class GatewayError extends Error {
  readonly kind: ErrorKind;
  readonly detail: ErrorDetail;
  constructor(kind: ErrorKind, message: string, detail: ErrorDetail = {}) {
    super(message);
    this.name = 'GatewayError';
    this.kind = kind;
    this.detail = detail;
  }
  toData(): GatewayErrorData {
    return { kind: this.kind, message: this.message, detail: this.detail };
  }
}

export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}
