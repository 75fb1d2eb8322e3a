import { useEffect, useState } from 'react';
import { OptionsForm } from '../../components/OptionsForm';
import { ErrorBox } from '../../components/ErrorBox';
import type { GatewayErrorData } from '../../lib/hubspot/errors';
import { t } from '../../lib/i18n';
import { callGateway, toErrorData } from '../../lib/messaging-client';
import type { ResultOf } from '../../lib/messaging';
import { BulkBlockContainer } from './BulkBlockContainer';
import { PageCheckContainer } from './PageCheckContainer';
import { PortalAuditContainer } from './PortalAuditContainer';

export function OptionsContainer() {
  const [settings, setSettings] = useState<ResultOf<'getSettings'> | null>(null);
  const [error, setError] = useState<GatewayErrorData | null>(null);

  useEffect(() => {
    callGateway('getSettings', {}).then(setSettings, (e: unknown) => setError(toErrorData(e)));
  }, []);

  return (
    <main className="opt-main">
      <h1>{t('optionsTitle')}</h1>
      {error ? <ErrorBox error={error} /> : null}
      {settings ? (
        <OptionsForm
          settings={settings}
          brands={settings.brands}
          onSave={async (input) => {
            try {
              const report = await callGateway('saveSettings', input);
              setSettings(await callGateway('getSettings', {}));
              return report;
            } catch (e) {
              return { ok: false, missingScopes: [], error: toErrorData(e) };
            }
          }}
          onRemoveToken={async () => {
            try {
              await callGateway('removeToken', {});
              setSettings(await callGateway('getSettings', {}));
            } catch (e) {
              setError(toErrorData(e));
              throw e;
            }
          }}
        />
      ) : null}
      <PortalAuditContainer />
      {settings ? <BulkBlockContainer brands={settings.brands} /> : null}
      <PageCheckContainer />
    </main>
  );
}
