// The one i18n layer, over the message files in public/_locales/{de,en}/messages.json (the
// browser.i18n format; the manifest's name and description use browser.i18n itself).
// Why not browser.i18n.getMessage for the UI: it is fixed to the browser's UI language (headless
// Chromium: always en-US), while the panel should speak the language of the HubSpot page it sits
// in. So the language is chosen here: an explicit choice (setLanguage: content scripts pass
// HubSpot's <html lang>, the CLI PSG_LANG), else the browser's preferred language, German unless
// it is English.
import de from '../public/_locales/de/messages.json';
import en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof de;
export type Language = 'de' | 'en';
type Catalog = Record<string, { message: string } | undefined>;
const CATALOGS: Record<Language, Catalog> = { de, en };

let chosen: Language | undefined;

export function toLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase();
  if (t.startsWith('en')) return 'en';
  if (t.startsWith('de')) return 'de';
  return undefined;
}

/** Fixes the language (undefined: back to the browser's or environment's preference). */
export function setLanguage(lang: Language | undefined): void {
  chosen = lang;
}

export function language(): Language {
  if (chosen) return chosen;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const fromEnv = toLanguage(env?.PSG_LANG);
  if (fromEnv) return fromEnv;
  // Only pages ask the browser's preference; Node (CLI) and the service worker speak German unless
  // told otherwise (the worker is told by each caller).
  const preferred = typeof document !== 'undefined' && typeof navigator !== 'undefined' ? (navigator.languages?.[0] ?? navigator.language) : undefined;
  return toLanguage(preferred) === 'en' ? 'en' : 'de';
}

function substitute(message: string, subs: string[]): string {
  return message.replace(/\$p(\d)\$/g, (whole, d: string) => subs[Number(d) - 1] ?? whole);
}

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const entry = CATALOGS[language()][key] ?? CATALOGS.de[key];
  return entry ? substitute(entry.message, subs.map(String)) : key;
}
