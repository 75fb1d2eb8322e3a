import { useEffect, useState } from 'react';
import { OptionsForm } from '../../components/OptionsForm';
import { ErrorBox } from '../../components/ErrorBox';
import { GatewayError, type GatewayErrorData } from '../../lib/hubspot/errors';
import { t } from '../../lib/i18n';
import { callGateway } from '../../lib/messaging-client';
import type { PublicSettings } from '../../lib/settings';
import { PortalAuditContainer } from './PortalAuditContainer';

export function OptionsContainer() {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [error, setError] = useState<GatewayErrorData | null>(null);

  useEffect(() => {
    callGateway('getSettings', {}).then(setSettings, (e: unknown) =>
      setError(e instanceof GatewayError ? e.toData() : { kind: 'invalid-response', message: String(e), detail: {} }),
    );
  }, []);

  return (
    <main className="opt-main">
      <h1>{t('optionsTitle')}</h1>
      {error ? <ErrorBox error={error} /> : null}
      {settings ? (
        <OptionsForm
          settings={settings}
          onSave={async (input) => {
            try {
              const report = await callGateway('saveSettings', input);
              setSettings(await callGateway('getSettings', {}));
              return report;
            } catch (e) {
              const data = e instanceof GatewayError ? e.toData() : { kind: 'invalid-response' as const, message: String(e), detail: {} };
              return { ok: false, missingScopes: [], error: data };
            }
          }}
        />
      ) : null}
      <PortalAuditContainer />
    </main>
  );
}
