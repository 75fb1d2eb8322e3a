import type { GuardStatus } from '../../../components/ContactPanel';
import type { HubspotPage } from '../../../lib/page/urls';
import type { Store } from '../../../lib/store';
import { t } from '../../../lib/i18n';

/** Guards HubSpot's own sidebar Save (issue 3). Until it can prove it is guarding, it says so. */
export function startSidebarGuard(_page: HubspotPage, status: Store<GuardStatus>, _signal: AbortSignal): void {
  status.set({ state: 'inactive', message: t('guardInactive') });
}
