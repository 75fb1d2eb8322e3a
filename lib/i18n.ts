// The one i18n layer. Every text is written once in locales/messages.json (German and English
// side by side, typed keys); `npm run messages` generates the browser.i18n message files
// (public/_locales: the manifest's name and description) and a compact catalog per language
// (public/i18n/{de,en}.json) that the UI loads: only the language in use, so no page carries both
// (content scripts must stay small).
// Why not browser.i18n.getMessage for UI text: it is fixed to the browser's UI language (headless
// Chromium: always en-US), while the panel should speak the language of the HubSpot page it sits
// in. So the language is chosen here: an explicit choice (setLanguage: content scripts pass
// HubSpot's <html lang>, the CLI PSG_LANG or LANG), else the browser's preferred language on pages,
// German unless it is English.
// The service worker serves callers of both languages at once: it never sets a language, each call
// carries a Translator of its caller's language (lib/port/contract.ts CallContext.tr) down to the
// gateway session, the audit and HubSpot's error texts.
import type { Language, MessageKey } from './catalog';

export type { Language, MessageKey };
export type Catalog = Readonly<Record<string, string>>;

const catalogs: Partial<Record<Language, Catalog>> = {};
let loader: ((lang: Language) => Promise<Catalog>) | undefined;
let chosen: Language | undefined;

/** Node (CLI, tests) installs both catalogs at once (lib/i18n-node.ts). */
export function installCatalogs(c: Partial<Record<Language, Catalog>>): void {
  Object.assign(catalogs, c);
}

/** The extension loads catalogs from its package (lib/i18n-extension.ts). */
export function setCatalogLoader(fn: (lang: Language) => Promise<Catalog>): void {
  loader = fn;
}

/** Makes `lang` (default: the current language) ready for t(); call before rendering. */
export async function loadLanguage(lang: Language = language()): Promise<void> {
  if (catalogs[lang] || !loader) return;
  catalogs[lang] = await loader(lang);
}

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
  // Only pages ask the browser's preference; Node (CLI) speaks German unless told otherwise. The
  // service worker does not use this (each call brings its Translator).
  const preferred = typeof document !== 'undefined' && typeof navigator !== 'undefined' ? (navigator.languages?.[0] ?? navigator.language) : undefined;
  return toLanguage(preferred) === 'en' ? 'en' : 'de';
}

function substitute(message: string, subs: string[]): string {
  return message.replace(/\$(\d)/g, (whole, d: string) => subs[Number(d) - 1] ?? whole);
}

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return tl(language(), key, ...subs);
}

/** The texts of one language, for one caller (a gateway call carries its caller's). */
export interface Translator {
  readonly lang: Language;
  t(key: MessageKey, ...subs: (string | number)[]): string;
  tn(key: MessageKey, n: number, ...subs: (string | number)[]): string;
}

export function translator(lang: Language): Translator {
  return {
    lang,
    t: (key, ...subs) => tl(lang, key, ...subs),
    tn: (key, n, ...subs) => tnl(lang, key, n, ...subs),
  };
}

/** t() in a given language (e.g. a report made for a caller that speaks another one). */
export function tl(lang: Language, key: MessageKey, ...subs: (string | number)[]): string {
  const message = catalogs[lang]?.[key] ?? catalogs.de?.[key] ?? catalogs.en?.[key];
  return message === undefined ? key : substitute(message, subs.map(String));
}

/** Like t(), but for a count `n`: the key's singular form (`<key>One`) when n is 1 and one exists. */
export function tn(key: MessageKey, n: number, ...subs: (string | number)[]): string {
  return tnl(language(), key, n, ...subs);
}

function tnl(lang: Language, key: MessageKey, n: number, ...subs: (string | number)[]): string {
  const one = `${key}One` as MessageKey;
  return tl(lang, n === 1 && (catalogs[lang]?.[one] ?? catalogs.de?.[one]) !== undefined ? one : key, ...subs);
}
