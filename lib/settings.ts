import { z } from 'zod';
import { DEFAULT_BLOCK_PROPERTY, DEFAULT_REASON_PROPERTY, DEFAULT_SAVE_BUTTON_LABELS } from './defaults';

// Stored settings (browser.storage.local, key "settings"). Only the background and the
// options page read them; content scripts ask the background and never see the token.

/** The only API hosts the token is ever sent to; the manifest's host_permissions say the same. */
export const API_HOSTS = ['api.hubapi.com', 'api-eu1.hubapi.com'] as const;
export type ApiHost = (typeof API_HOSTS)[number];

export const BrandFamilySchema = z.object({
  name: z.string().trim().min(1),
  brands: z.array(z.string().min(1)),
});

export const PostalScopeSchema = z.object({
  folders: z.array(z.string().trim().min(1)).default([]),
  namePatterns: z.array(z.string().trim().min(1)).default([]),
  listIds: z.array(z.string().regex(/^\d+$/)).default([]),
  flowIds: z.array(z.string().regex(/^\d+$/)).default([]),
});

export const SettingsSchema = z.object({
  token: z.string().default(''),
  apiHost: z.enum(API_HOSTS).default('api.hubapi.com'),
  blockProperty: z.string().trim().min(1).default(DEFAULT_BLOCK_PROPERTY),
  reasonProperty: z.string().trim().min(1).default(DEFAULT_REASON_PROPERTY),
  families: z.array(BrandFamilySchema).default([]),
  /** Set only by policy: the one portal the token may belong to ('' = any). */
  allowedPortalId: z.string().default(''),
  /** Short name written into the reason log, e.g. "MK" (per browser profile). */
  userName: z.string().default(''),
  /** Labels of HubSpot's sidebar Save button the guard looks for (German and English UI). */
  saveButtonLabels: z.array(z.string().min(1)).default([...DEFAULT_SAVE_BUTTON_LABELS]),
  /** The clean export's columns and file format as last chosen, per portal id. */
  exportPrefs: z.record(z.string(), z.object({ columns: z.array(z.string().regex(/^[a-z0-9_]{1,100}$/i)), dialect: z.enum(['excel', 'plain']) })).default({}),
  /** Which lists and workflows serve postal mailings (empty: all of them, strictest). */
  postalScope: PostalScopeSchema.default({ folders: [], namePatterns: [], listIds: [], flowIds: [] }),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Parses whatever storage holds; anything unreadable falls back to the defaults field by field. */
export function parseSettings(raw: unknown): Settings {
  const parsed = SettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SettingsSchema.shape) as (keyof Settings)[]) {
    const field = SettingsSchema.shape[key].safeParse(obj[key]);
    out[key] = field.success ? field.data : DEFAULT_SETTINGS[key];
  }
  return out as Settings;
}

/** What the options page may see: everything but the token itself. */
export type PublicSettings = Omit<Settings, 'token'> & {
  hasToken: boolean;
  tokenHint: string;
  /** Keys set by Chrome policy (shown locked), and who set them. */
  locked: string[];
  managedBy?: string;
};

export function toPublicSettings(s: Settings, policy: { locked: readonly string[]; managedBy?: string } = { locked: [] }): PublicSettings {
  const { token, ...rest } = s;
  return {
    ...rest,
    hasToken: token.length > 0,
    tokenHint: token ? `…${token.slice(-4)}` : '',
    locked: [...policy.locked],
    ...(policy.managedBy ? { managedBy: policy.managedBy } : {}),
  };
}
