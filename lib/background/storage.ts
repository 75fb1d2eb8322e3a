// What the extension keeps in storage.local, as typed and versioned items (WXT's storage items:
// a version in `<key>$`, migrations run once when the worker first defines the item after an
// update). An update keeps every setting, the token and the short name (test/unit/storage-update.test.ts
// starts from what 0.2.0 wrote).
//   settings       v1 (0.2.0): the settings, with the brands chosen per list and workflow inside
//                  (`listBrands`); v2: without them (moved to brandChoices)
//   brandChoices   v1: lib/gateway/brandChoices.ts
//   connection     v1: facts learned by the last connection test (lib/gateway/session.ts)
// storage.session holds only caches (lib/background/env.ts), rebuilt after any restart: no versions.
import { storage } from 'wxt/utils/storage';
import type { BrandChoices } from '../gateway/brandChoices';
import type { ConnectionInfo } from '../gateway/session';

/** The settings as the storage holds them (parsed field by field when read: lib/settings.ts). */
export type StoredSettings = Record<string, unknown>;

/** v1 → v2: the brands chosen per list and workflow leave the settings for their own item, each
 *  counted as used now (so that none expires because of the update). */
export function settingsV2(v1: StoredSettings, existing: BrandChoices, now: Date): { settings: StoredSettings; choices: BrandChoices } {
  const { listBrands, ...settings } = v1;
  const choices: BrandChoices = { ...existing };
  if (listBrands && typeof listBrands === 'object') {
    for (const [key, brands] of Object.entries(listBrands as Record<string, unknown>)) {
      if (choices[key] || !Array.isArray(brands)) continue;
      const values = brands.filter((b): b is string => typeof b === 'string' && b.length > 0);
      if (values.length > 0) choices[key] = { brands: values, usedAt: now.toISOString() };
    }
  }
  return { settings, choices };
}

/** Defines the items (and so runs their migrations): once, in the worker, before the first read. */
export function defineStorageItems(now: () => Date = () => new Date()) {
  const brandChoices = storage.defineItem<BrandChoices>('local:brandChoices', { fallback: {}, version: 1 });
  const settings = storage.defineItem<StoredSettings>('local:settings', {
    fallback: {},
    version: 2,
    migrations: {
      2: async (v1: StoredSettings) => {
        const moved = settingsV2(v1, await brandChoices.getValue(), now());
        await brandChoices.setValue(moved.choices);
        return moved.settings;
      },
    },
  });
  const connection = storage.defineItem<ConnectionInfo | null>('local:connection', { fallback: null, version: 1 });
  // The choices are read and written only once the settings' migration has moved 0.2.0's into them.
  const migrated = settings.getMeta();
  const choices = {
    getValue: async () => (await migrated, brandChoices.getValue()),
    setValue: async (value: BrandChoices) => (await migrated, brandChoices.setValue(value)),
  };
  return { settings, brandChoices: choices, connection };
}
export type StorageItems = ReturnType<typeof defineStorageItems>;
