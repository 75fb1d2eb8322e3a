// Values an administrator sets through Chrome policy (chrome.storage.managed, declared by
// public/managed_schema.json). A value set by policy overrides the stored setting, is shown
// locked on the options page and is never written to storage.local. docs/deploy.md shows how
// to set them.
import { z } from 'zod';
import { API_HOSTS, BrandFamilySchema, PostalScopeSchema, type Settings } from './settings';

/** Every key an administrator may set; public/managed_schema.json declares the same keys. */
export const ManagedPolicySchema = z.object({
  apiHost: z.enum(API_HOSTS),
  blockProperty: z.string().trim().min(1),
  reasonProperty: z.string().trim().min(1),
  families: z.array(BrandFamilySchema),
  allowedPortalId: z.string().regex(/^[1-9]\d{0,19}$/),
  token: z.string().trim().min(1),
  /** Which lists and workflows serve postal mailings; the same shape as the stored setting. */
  postalScope: PostalScopeSchema,
  /** Who set the policy, shown beside locked values (e.g. "IT, it@example.com"). */
  managedBy: z.string().trim().min(1).max(200),
});
export type PolicyKey = keyof z.infer<typeof ManagedPolicySchema>;
/** Keys of the settings a policy can lock. */
export type LockableKey = Exclude<PolicyKey, 'managedBy'>;
export const POLICY_KEYS = Object.keys(ManagedPolicySchema.shape) as PolicyKey[];

export interface ManagedPolicy {
  values: Partial<Pick<Settings, LockableKey>>;
  managedBy?: string;
  /** Keys set by policy, in the schema's order. */
  locked: LockableKey[];
  /** Keys the policy set with a value that does not parse: ignored (the setting stays the user's). */
  invalid: PolicyKey[];
}

export const NO_POLICY: ManagedPolicy = { values: {}, locked: [], invalid: [] };

/** Reads what storage.managed holds, key by key: one bad value does not void the others. */
export function parsePolicy(raw: unknown): ManagedPolicy {
  if (!raw || typeof raw !== 'object') return NO_POLICY;
  const obj = raw as Record<string, unknown>;
  const out: ManagedPolicy = { values: {}, locked: [], invalid: [] };
  for (const key of POLICY_KEYS) {
    if (obj[key] === undefined) continue;
    const parsed = ManagedPolicySchema.shape[key].safeParse(obj[key]);
    if (!parsed.success) {
      out.invalid.push(key);
      continue;
    }
    if (key === 'managedBy') out.managedBy = parsed.data as string;
    else {
      (out.values as Record<string, unknown>)[key] = parsed.data;
      out.locked.push(key);
    }
  }
  return out;
}

/** The settings in effect: the stored ones with every policy value on top. */
export function applyPolicy(stored: Settings, policy: ManagedPolicy): Settings {
  return { ...stored, ...policy.values };
}

/** What may be written to storage.local: `next`, but each locked key keeps its stored value
 *  (a policy value never lands in storage.local, and lifting the policy restores the user's own). */
export function withoutPolicy(next: Settings, stored: Settings, policy: ManagedPolicy): Settings {
  const out: Record<string, unknown> = { ...next };
  for (const key of policy.locked) out[key] = stored[key];
  return out as Settings;
}

/** Drops what a caller asked to change on keys the policy locks. */
export function omitLocked<T extends Record<string, unknown>>(input: T, policy: ManagedPolicy): T {
  const out: Record<string, unknown> = { ...input };
  for (const key of policy.locked) delete out[key];
  return out as T;
}
