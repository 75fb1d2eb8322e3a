// "Save" on the options page tests the connection: portal and region, the two properties,
// and the token's scopes. Every answer is a report the options page shows; nothing throws.
import { GatewayError, isGatewayError, toErrorData } from '../hubspot/errors';
import { language, translator, type Translator } from '../i18n';
import type { ConnectionReport } from '../messaging';
import { OPTIONAL_SCOPES, REQUIRED_SCOPES } from '../scopes';
import type { Settings } from '../settings';
import { PROPERTY_TTL_MS, USER_NAMES_TTL_MS, tokenFingerprint, type GatewayEnv } from './session';

export async function testConnection(env: GatewayEnv, settings: Settings, signal: AbortSignal, tr: Translator = translator(language())): Promise<ConnectionReport> {
  const { t } = tr;
  const base = { blockPropertyName: settings.blockProperty, reasonPropertyName: settings.reasonProperty };
  if (!settings.token) {
    return { ok: false, missingScopes: [], ...base, error: new GatewayError('not-configured', t('errorNotConfigured')).toData() };
  }
  const api = env.apiFor(settings);
  let missingScopes: string[] = [];
  try {
    const details = await api.getAccountDetails({ signal });
    const granted = await api.getTokenScopes({ signal }).catch((e: unknown) => {
      if (isGatewayError(e) && e.kind === 'auth') throw e;
      return null;
    });
    if (granted) missingScopes = [...REQUIRED_SCOPES, ...OPTIONAL_SCOPES].filter((s) => !granted.includes(s));
    const block = await api.getProperty(settings.blockProperty, { signal });
    const reason = await api.getProperty(settings.reasonProperty, { signal });
    await env.storeConnection({
      tokenFingerprint: tokenFingerprint(settings.token),
      portalId: String(details.portalId),
      uiDomain: details.uiDomain ?? 'app.hubspot.com',
      region: details.dataHostingLocation ?? '',
      ...(block ? { blockPropertyLabel: block.label, brands: block.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
      ...(reason ? { reasonPropertyLabel: reason.label } : {}),
      checkedAt: new Date().toISOString(),
    });
    if (block && block.type === 'enumeration') {
      await env.cache.set(`property:${tokenFingerprint(settings.token)}:${settings.blockProperty}`, block, PROPERTY_TTL_MS);
    }
    // Prime the user names too, so that the first contact view after setup costs one request.
    if (!granted || granted.includes('crm.objects.owners.read')) {
      const names = await api.getUserNames({ signal }).catch(() => null);
      if (names) await env.cache.set(`users:${tokenFingerprint(settings.token)}`, names, USER_NAMES_TTL_MS);
    }
    const report: ConnectionReport = {
      ok: true,
      portalId: String(details.portalId),
      uiDomain: details.uiDomain,
      region: details.dataHostingLocation,
      blockPropertyFound: !!block,
      reasonPropertyFound: !!reason,
      brandCount: block?.options.length,
      ...(block ? { brands: block.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
      missingScopes,
      scopesKnown: granted !== null,
      ...base,
    };
    const essentialMissing = missingScopes.filter((s) => (REQUIRED_SCOPES as readonly string[]).includes(s));
    if (!block) return { ...report, ok: false, error: new GatewayError('property-missing', t('errorPropertyMissing', settings.blockProperty)).toData() };
    if (block.type !== 'enumeration') return { ...report, ok: false, error: new GatewayError('property-missing', t('errorPropertyNotMultiSelect', settings.blockProperty)).toData() };
    if (!reason) return { ...report, ok: false, error: new GatewayError('property-missing', t('errorPropertyMissing', settings.reasonProperty)).toData() };
    if (essentialMissing.length) {
      return { ...report, ok: false, error: new GatewayError('scope', t('errorScope', essentialMissing.join(', ')), { missingScopes: essentialMissing }).toData() };
    }
    return report;
  } catch (e) {
    const error = toErrorData(e, t);
    return { ok: false, missingScopes: error.detail.missingScopes ?? missingScopes, ...base, error };
  }
}
