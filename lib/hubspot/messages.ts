// One text per error kind and situation (Octotree practice: every failure says what fixes it),
// from the catalogs (locales/messages.json) in the UI language. Layers that raise HubSpot errors
// build them with `gatewayError()` so the same situation always reads the same.
import { GatewayError, type ErrorDetail, type ErrorKind, type Say } from './errors';
import { t } from '../i18n';

const callSuffix = (d: ErrorDetail): string => (d.call ? ` (${d.call})` : '');

const TEXTS: { readonly [K in ErrorKind]: (d: ErrorDetail, say: Say) => string } = {
  'not-configured': (d, say) => (d.reason === 'origin' ? say('errOrigin') : say('errorNotConfigured')),
  auth: (d, say) => (d.reason === 'token-format' ? say('errTokenFormat') : say('errAuth')),
  scope: (d, say) => (d.missingScopes && d.missingScopes.length > 0 ? say('errScopeMissing', d.missingScopes.join(', ')) : say('errScopeRefused', callSuffix(d))),
  'portal-mismatch': (d, say) => say('errorPortalMismatch', d.portalId ?? '?', d.tokenPortalId ?? '?'),
  'property-missing': (d, say) => say('errorPropertyMissing', d.property ?? '?'),
  network: (d, say) => {
    if (d.reason === 'timeout') return say('errTimeout', callSuffix(d));
    if (d.status !== undefined) return say('errServer', d.status, callSuffix(d));
    return say('errNetwork');
  },
  'rate-limit': (d, say) => (d.policyName === 'DAILY' ? say('errDailyLimit') : say('errRateLimit')),
  'invalid-response': (d, say) => {
    switch (d.reason) {
      case 'validation':
        return say('errValidation', callSuffix(d), d.hubspotMessage ?? say('errInvalidValues'));
      case 'not-found':
        return say('errNotFound', callSuffix(d));
      default:
        return say('errUnexpectedAnswer', callSuffix(d));
    }
  },
  conflict: (d, say) => (d.brands && d.brands.length > 0 ? say('errConflictBrands', d.brands.join(', ')) : say('errConflict')),
  'invalid-request': (d, say) => say('portInvalidRequest', d.call ?? '?'),
};

/** The user-facing text for an error kind and its detail, in the language of `say` (default: the UI's). */
export function messageFor(kind: ErrorKind, detail: ErrorDetail = {}, say: Say = t): string {
  return TEXTS[kind](detail, say);
}

/** A GatewayError whose message comes from the catalogs, and can be said again in a caller's
 *  language (GatewayError.retell). */
export function gatewayError(kind: ErrorKind, detail: ErrorDetail = {}): GatewayError {
  return new GatewayError(kind, messageFor(kind, detail), detail, (say) => messageFor(kind, detail, say));
}
