// One text per error kind and situation (Octotree practice: every failure says what fixes it),
// from the catalogs (locales/messages.json) in the UI language. Layers that raise HubSpot errors
// build them with `gatewayError()` so the same situation always reads the same.
import { GatewayError, type ErrorDetail, type ErrorKind } from './errors';
import { t } from '../i18n';

const callSuffix = (d: ErrorDetail): string => (d.call ? ` (${d.call})` : '');

const TEXTS: { readonly [K in ErrorKind]: (d: ErrorDetail) => string } = {
  'not-configured': (d) => (d.reason === 'origin' ? t('errOrigin') : t('errorNotConfigured')),
  auth: (d) => (d.reason === 'token-format' ? t('errTokenFormat') : t('errAuth')),
  scope: (d) => (d.missingScopes && d.missingScopes.length > 0 ? t('errScopeMissing', d.missingScopes.join(', ')) : t('errScopeRefused', callSuffix(d))),
  'portal-mismatch': (d) => t('errorPortalMismatch', d.portalId ?? '?', d.tokenPortalId ?? '?'),
  'property-missing': (d) => t('errorPropertyMissing', d.property ?? '?'),
  network: (d) => {
    if (d.reason === 'timeout') return t('errTimeout', callSuffix(d));
    if (d.status !== undefined) return t('errServer', d.status, callSuffix(d));
    return t('errNetwork');
  },
  'rate-limit': (d) => (d.policyName === 'DAILY' ? t('errDailyLimit') : t('errRateLimit')),
  'invalid-response': (d) => {
    switch (d.reason) {
      case 'validation':
        return t('errValidation', callSuffix(d), d.hubspotMessage ?? t('errInvalidValues'));
      case 'not-found':
        return t('errNotFound', callSuffix(d));
      default:
        return t('errUnexpectedAnswer', callSuffix(d));
    }
  },
  conflict: (d) => (d.brands && d.brands.length > 0 ? t('errConflictBrands', d.brands.join(', ')) : t('errConflict')),
  'invalid-request': (d) => t('portInvalidRequest', d.call ?? '?'),
};

/** The user-facing text for an error kind and its detail, in the UI language. */
export function messageFor(kind: ErrorKind, detail: ErrorDetail = {}): string {
  return TEXTS[kind](detail);
}

/** A GatewayError whose message comes from the catalogs. */
export function gatewayError(kind: ErrorKind, detail: ErrorDetail = {}): GatewayError {
  return new GatewayError(kind, messageFor(kind, detail), detail);
}
