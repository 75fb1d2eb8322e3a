import { contractKind, type GatewayErrorData } from '../lib/hubspot/errors';
import { t } from '../lib/i18n';

/** One failure, said once, with the action that fixes it. */
export function ErrorBox({ error, onRetry, onOpenOptions }: { error: GatewayErrorData; onRetry?: () => void; onOpenOptions?: () => void }) {
  const wantsSettings = ['not-configured', 'auth', 'scope', 'property-missing', 'portal-mismatch'].includes(error.kind);
  const technical = error.detail.call ?? error.detail.hubspotMessage;
  return (
    <div className="psg-error" role="alert" data-testid="panel-error" data-error-kind={contractKind(error.kind)}>
      <p>{error.message}</p>
      {technical ? <p className="psg-muted psg-small">{t('errorTechnical', technical)}</p> : null}
      <div className="psg-actions">
        {wantsSettings && onOpenOptions ? (
          <button type="button" className="psg-button" onClick={onOpenOptions}>
            {t('openOptions')}
          </button>
        ) : null}
        {onRetry && error.kind !== 'portal-mismatch' ? (
          <button type="button" className="psg-button" onClick={onRetry}>
            {t('retry')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
