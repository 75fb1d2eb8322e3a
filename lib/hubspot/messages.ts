// One table of user-facing texts per error kind (Octotree practice: every failure says what fixes it).
// German and English, keyed the same way; lib/i18n's language() picks one.
// Other layers (domain, audit, background) build their errors with `gatewayError()` so the same
// situation always reads the same.
import { GatewayError, type ErrorDetail, type ErrorKind } from './errors';
import { language } from '../i18n';

type MessageTable = { readonly [K in ErrorKind]: (d: ErrorDetail) => string };

const callSuffix = (d: ErrorDetail): string => (d.call ? ` (${d.call})` : '');

export const MESSAGES_DE: MessageTable = {
  'not-configured': (d) =>
    d.reason === 'origin'
      ? 'Die eingestellte API-Adresse ist nicht erlaubt: Der HubSpot-Zugangsschlüssel wird nur an ' +
        'api.hubapi.com und api-eu1.hubapi.com gesendet. Bitte die API-Adresse in den Einstellungen prüfen.'
      : 'Es ist noch kein HubSpot-Zugangsschlüssel eingetragen. Bitte in den Einstellungen einen Schlüssel eintragen.',
  auth: (d) =>
    d.reason === 'token-format'
      ? 'Der HubSpot-Zugangsschlüssel enthält unzulässige Zeichen (Leerzeichen, Zeilenumbruch?). ' +
        'Bitte in den Einstellungen den Schlüssel erneut einfügen.'
      : 'Der HubSpot-Zugangsschlüssel ist ungültig oder widerrufen. Bitte in den Einstellungen einen gültigen Schlüssel eintragen.',
  scope: (d) =>
    d.missingScopes && d.missingScopes.length > 0
      ? `Dem HubSpot-Zugangsschlüssel fehlen Berechtigungen: ${d.missingScopes.join(', ')}. ` +
        'Bitte diese Bereiche (Scopes) in der privaten App bzw. beim Dienstschlüssel freigeben und den Schlüssel neu eintragen.'
      : `HubSpot verweigert den Zugriff${callSuffix(d)}. Bitte prüfen, ob der Zugangsschlüssel die nötigen ` +
        'Berechtigungen hat (crm.objects.contacts.read/.write, crm.lists.read/.write).',
  'portal-mismatch': (d) =>
    `Diese HubSpot-Seite gehört zum Portal ${d.portalId ?? '?'}, der eingetragene Zugangsschlüssel aber zum Portal ` +
    `${d.tokenPortalId ?? '?'}. Bitte in den Einstellungen den Schlüssel des richtigen Portals eintragen.`,
  'property-missing': (d) =>
    `Die Kontakt-Eigenschaft „${d.property ?? '?'}“ gibt es in diesem HubSpot-Portal nicht. ` +
    'Bitte in HubSpot anlegen oder in den Einstellungen den internen Namen korrigieren.',
  network: (d) => {
    if (d.reason === 'timeout')
      return `HubSpot hat nicht rechtzeitig geantwortet${callSuffix(d)}. Bitte in einigen Minuten erneut versuchen.`;
    if (d.status !== undefined)
      return `HubSpot meldet einen Serverfehler (${d.status})${callSuffix(d)}. Bitte in einigen Minuten erneut versuchen.`;
    return 'HubSpot ist nicht erreichbar. Bitte die Internetverbindung prüfen und erneut versuchen.';
  },
  'rate-limit': (d) =>
    d.policyName === 'DAILY'
      ? 'Das tägliche API-Kontingent dieses HubSpot-Portals ist aufgebraucht. Erst morgen sind wieder Abfragen möglich.'
      : 'HubSpot bremst gerade zu viele Anfragen. Bitte in einigen Sekunden erneut versuchen.',
  'invalid-response': (d) => {
    switch (d.reason) {
      case 'validation':
        return `HubSpot hat die Änderung abgelehnt${callSuffix(d)}: ${d.hubspotMessage ?? 'ungültige Werte'}. Bitte die Eingaben prüfen.`;
      case 'not-found':
        return `HubSpot kennt das Angefragte nicht (mehr)${callSuffix(d)}. Bitte die Seite neu laden.`;
      default:
        return `HubSpot hat unerwartet geantwortet${callSuffix(d)}. Bitte die Seite neu laden; bleibt der Fehler, bitte melden.`;
    }
  },
  conflict: (d) =>
    'Der Kontakt wurde inzwischen in HubSpot geändert' +
    (d.brands && d.brands.length > 0 ? ` (betroffen: ${d.brands.join(', ')})` : '') +
    '. Bitte neu laden und die Änderung noch einmal vornehmen.',
};

export const MESSAGES_EN: MessageTable = {
  'not-configured': (d) =>
    d.reason === 'origin'
      ? 'The configured API address is not allowed: the HubSpot access token is only sent to ' +
        'api.hubapi.com and api-eu1.hubapi.com. Please check the API address in the settings.'
      : 'No HubSpot access token is set yet. Please enter one in the settings.',
  auth: (d) =>
    d.reason === 'token-format'
      ? 'The HubSpot access token contains invalid characters (a space or line break?). Please paste it again in the settings.'
      : 'The HubSpot access token is invalid or revoked. Please enter a valid token in the settings.',
  scope: (d) =>
    d.missingScopes && d.missingScopes.length > 0
      ? `The HubSpot access token lacks scopes: ${d.missingScopes.join(', ')}. ` +
        'Please grant them to the private app or service key and enter the token again.'
      : `HubSpot refuses access${callSuffix(d)}. Please check that the access token has the needed scopes ` +
        '(crm.objects.contacts.read/.write, crm.lists.read/.write).',
  'portal-mismatch': (d) =>
    `This HubSpot page belongs to portal ${d.portalId ?? '?'}, but the access token to portal ` +
    `${d.tokenPortalId ?? '?'}. Please enter the token of the right portal in the settings.`,
  'property-missing': (d) =>
    `The contact property “${d.property ?? '?'}” does not exist in this HubSpot portal. ` +
    'Please create it in HubSpot or correct the internal name in the settings.',
  network: (d) => {
    if (d.reason === 'timeout') return `HubSpot did not answer in time${callSuffix(d)}. Please try again in a few minutes.`;
    if (d.status !== undefined) return `HubSpot reports a server error (${d.status})${callSuffix(d)}. Please try again in a few minutes.`;
    return 'HubSpot cannot be reached. Please check the internet connection and try again.';
  },
  'rate-limit': (d) =>
    d.policyName === 'DAILY'
      ? "This HubSpot portal's daily API quota is used up. Requests are possible again tomorrow."
      : 'HubSpot is slowing down too many requests. Please try again in a few seconds.',
  'invalid-response': (d) => {
    switch (d.reason) {
      case 'validation':
        return `HubSpot rejected the change${callSuffix(d)}: ${d.hubspotMessage ?? 'invalid values'}. Please check the input.`;
      case 'not-found':
        return `HubSpot does not know what was asked for (any more)${callSuffix(d)}. Please reload the page.`;
      default:
        return `HubSpot answered unexpectedly${callSuffix(d)}. Please reload the page; if the error stays, please report it.`;
    }
  },
  conflict: (d) =>
    'The contact was changed in HubSpot in the meantime' +
    (d.brands && d.brands.length > 0 ? ` (affected: ${d.brands.join(', ')})` : '') +
    '. Please reload and make the change again.',
};

/** The user-facing text for an error kind and its detail, in the UI language. */
export function messageFor(kind: ErrorKind, detail: ErrorDetail = {}): string {
  return (language() === 'en' ? MESSAGES_EN : MESSAGES_DE)[kind](detail);
}

/** A GatewayError whose message comes from the table. */
export function gatewayError(kind: ErrorKind, detail: ErrorDetail = {}): GatewayError {
  return new GatewayError(kind, messageFor(kind, detail), detail);
}
