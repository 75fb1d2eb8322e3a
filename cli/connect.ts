// What every command does first: the API for the configured token, the block property checked, the
// brands it was given checked against the property's options. Loaded after the arguments are
// checked, so that a usage mistake or --help answers at once.
import type { Progress } from '../lib/audit/types';
import { brandCatalog } from '../lib/domain/blocks';
import type { HubspotApi, PropertyDefinition } from '../lib/hubspot/api';
import { t } from '../lib/i18n';
import { UsageError, type CliConfig } from './config';

export async function connect(
  config: Pick<CliConfig, 'token' | 'baseUrl' | 'allowBaseUrl' | 'rateLimitPer10s' | 'blockProperty' | 'brands'>,
  progress?: (p: Progress) => void,
): Promise<{ api: HubspotApi; definition: PropertyDefinition; catalog: ReturnType<typeof brandCatalog> }> {
  const { createHubspotApi } = await import('../lib/hubspot/api');
  const api = createHubspotApi({
    token: config.token,
    baseUrl: config.baseUrl,
    allowBaseUrl: config.allowBaseUrl,
    rateLimitPer10s: config.rateLimitPer10s,
    onRetry: () => progress?.({ done: 0, total: null, label: t('retrying') }),
  });
  const definition = await api.getProperty(config.blockProperty);
  if (!definition) throw new UsageError(t('errorPropertyMissing', config.blockProperty));
  if (definition.type !== 'enumeration') throw new UsageError(t('errorPropertyNotMultiSelect', config.blockProperty));
  const catalog = brandCatalog(definition.options, []);
  const unknown = config.brands.filter((b) => !catalog.some((c) => c.value === b));
  if (unknown.length) throw new UsageError(t('cliUnknownBrand', unknown.join(', '), catalog.map((c) => c.value).join(', ')));
  return { api, definition, catalog };
}
