import { t, type MessageKey } from '../lib/i18n';

/** "aktiv", "statisch", "statisch (Momentaufnahme)" for HubSpot's processingType; unknown types as they are. */
export function typeLabel(processingType: string): string {
  const key = `type${processingType}` as MessageKey;
  const text = t(key);
  return text === key ? processingType : text;
}
