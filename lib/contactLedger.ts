// The ledger of one contact as the panel and the gateway read it: the contact view's history,
// brands and current values handed to readLedger (lib/domain/ledger.ts). One place, so that the
// panel shows exactly the findings the gateway resolves.
import { readLedger, type LedgerReport } from './domain/ledger';
import type { ContactView } from './messaging';

export function ledgerOfView(view: Pick<ContactView, 'contactId' | 'history' | 'brands' | 'blocked' | 'reasonText'>): LedgerReport {
  return readLedger({
    contactId: view.contactId,
    history: view.history,
    brands: view.brands,
    current: { blocks: view.blocked.join(';'), reason: view.reasonText },
  });
}
