// The shape of the one source of UI texts, locales/messages.json: every key with its German and
// English text; `$1`…`$9` are substitutions. scripts/messages.ts generates the files the
// extension loads from it.
import type source from '../locales/messages.json';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof source;
export type SourceCatalog = Record<string, Record<Language, string>>;
