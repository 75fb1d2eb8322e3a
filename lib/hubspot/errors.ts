// The error kinds. Every failure between the extension (or the CLI) and HubSpot ends as exactly one
// of these; all but `invalid-request` are the public contract's (docs/contract.md,
// `panel-error[data-error-kind]`), see `contractKind`.
import type { MessageKey } from '../catalog';

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
  /** The caller asked for something the gateway refuses before asking HubSpot: arguments that do not
   *  fit the method's declaration, a name too long, a brand that is no option, a value set by policy.
   *  Not HubSpot's fault (that is `invalid-response`). */
  'invalid-request',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The kinds the public contract lists for `data-error-kind`. */
export type ContractErrorKind = Exclude<ErrorKind, 'invalid-request'>;

/** The contract's kind for an error kind: `invalid-request` is not in the contract's list and shows
 *  as its nearest listed kind, `invalid-response` (its text stays its own). */
export function contractKind(kind: ErrorKind): ContractErrorKind {
  return kind === 'invalid-request' ? 'invalid-response' : kind;
}

/** Says a catalog text in the caller's language (lib/i18n.ts: `t`, or a call's `Translator.t`). */
export type Say = (key: MessageKey, ...subs: (string | number)[]) => string;

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
  /** Says the message again in another language. Set on errors whose text follows from kind and
   *  detail alone (HubSpot's failures, lib/hubspot/messages.ts): the HubSpot layer serves callers of
   *  both languages through one API object, so the caller's language is applied where the error
   *  meets its call (toErrorData with the call's translator). */
  readonly retell?: (say: Say) => string;
  constructor(kind: ErrorKind, message: string, detail: ErrorDetail = {}, retell?: (say: Say) => string) {
    super(message);
    this.name = 'GatewayError';
    this.kind = kind;
    this.detail = detail;
    if (retell) this.retell = retell;
  }
  toData(): GatewayErrorData {
    return { kind: this.kind, message: this.message, detail: this.detail };
  }
  /** The error again on the caller's side of the port. */
  static fromData(data: GatewayErrorData): GatewayError {
    return new GatewayError(data.kind, data.message, data.detail);
  }
}


/**
 * The one converter of whatever a call failed with into what crosses the port and the UI shows,
 * in the language of `say` (the caller's). A GatewayError keeps its kind, text and detail (a text
 * that follows from kind and detail is said again in that language); anything else is a fault of
 * ours (a bug, not HubSpot's answer and not the user's input), said as "unexpected error".
 */
export function toErrorData(e: unknown, say: Say): GatewayErrorData {
  if (e instanceof GatewayError) return e.retell ? { ...e.toData(), message: e.retell(say) } : e.toData();
  return { kind: 'invalid-response', message: say('errorUnexpected', e instanceof Error ? e.message : String(e)), detail: {} };
}

export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}
