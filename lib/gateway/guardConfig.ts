// What the guard in HubSpot's page needs to know (issue 14): the two properties, the Save labels,
// and the block property's option LABELS. HubSpot's own picker shows each picked brand as a tag
// with the option's label; where the tags carry no hook, the guard reads them by these labels.
// The labels come from the property definition the panel reads too (cached per token); without a
// token or when HubSpot does not answer, the guard gets none and reads as before (or fails closed).
import type { Translator } from '../i18n';
import type { GuardConfig } from '../messaging';
import { GatewaySession, type GatewayEnv } from './session';

export async function guardConfig(env: GatewayEnv, signal: AbortSignal, tr?: Translator): Promise<GuardConfig> {
  const s = await env.loadSettings();
  const config: GuardConfig = { blockProperty: s.blockProperty, reasonProperty: s.reasonProperty, saveButtonLabels: s.saveButtonLabels };
  if (!s.token) return config;
  try {
    const definition = await (await GatewaySession.open(env, signal, undefined, tr)).blockProperty();
    return { ...config, blockOptionLabels: definition.options.map((o) => o.label) };
  } catch (e) {
    if (signal.aborted) throw e;
    return config;
  }
}
