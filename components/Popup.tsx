import type { ConnectionSummary, TabStatus } from '../lib/messaging';
import { t } from '../lib/i18n';
import { surfaceName } from '../lib/page/surfaces';

/** The toolbar popup: the connection, what this tab is guarded by, and the way to settings and audit. */
export function Popup({ connection, tab, onOpenOptions }: { connection: ConnectionSummary | null; tab: TabStatus; onOpenOptions: (hash: '' | '#portal-audit') => void }) {
  const connected = connection?.configured && connection.portalId;
  const tabText =
    tab.page === 'contact'
      ? tab.guard === 'active'
        ? t('popupTabGuarded')
        : t('popupTabNotGuarded')
      : tab.page === 'list'
        ? t('popupTabList')
        : tab.page === 'workflow'
          ? t('popupTabWorkflow')
          : tab.page === 'list-index'
            ? t('popupTabListIndex')
            : tab.page === 'contact-index'
              ? t('surfacePopupContactIndex')
              : t('popupTabOther');
  const tabState =
    tab.page === 'contact' ? (tab.guard === 'active' ? 'guarded' : 'unguarded') : tab.page === 'list' || tab.page === 'workflow' ? tab.page : 'none';
  return (
    <main className="pop">
      <h1 className="pop-title">{t('extName')}</h1>
      <p data-testid="popup-connection" data-state={connected ? 'ok' : connection?.configured ? 'untested' : 'not-configured'}>
        {connected
          ? t('popupConnected', connection.portalId ?? '', connection.region || '?')
          : connection?.configured
            ? t('popupNotTested')
            : t('popupNotConfigured')}
        {connection?.managed ? <span className="pop-muted"> {t('popupManaged')}</span> : null}
      </p>
      <p data-testid="popup-tab-status" data-state={tabState} className={tabState === 'unguarded' ? 'pop-warn' : ''}>
        {tabText}
      </p>
      {tab.surfaces && tab.surfaces.length > 0 ? (
        <section aria-label={t('surfacePopupTitle')}>
          <h2 className="pop-muted">{t('surfacePopupTitle')}</h2>
          <ul className="pop-surfaces">
            {tab.surfaces.map((s) => (
              <li key={s.surface} data-testid="popup-surface" data-surface={s.surface} data-state={s.state} className={s.state === 'inactive' ? 'pop-warn' : ''}>
                {surfaceName(s.surface)}: {s.state === 'guarded' ? t('surfaceGuarded') : t('surfaceInactive')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav className="pop-links">
        <button type="button" data-testid="popup-open-options" onClick={() => onOpenOptions('')}>
          {t('openOptions')}
        </button>
        <button type="button" data-testid="popup-open-audit" onClick={() => onOpenOptions('#portal-audit')}>
          {t('portalAudit')}
        </button>
      </nav>
    </main>
  );
}
