import { createRoot } from 'react-dom/client';
import browser from 'webextension-polyfill';
import { Popup } from '../../components/Popup';
import { language, loadLanguage } from '../../lib/i18n';
import '../../lib/i18n-extension';
import { callGateway } from '../../lib/messaging-client';
import { TAB_STATUS_MESSAGE, type TabStatus } from '../../lib/messaging';
import '../../components/popup.css';

/** The content script in the active tab says what it guards; no answer: not a HubSpot page. */
async function activeTabStatus(): Promise<TabStatus> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { page: null, guard: null };
  try {
    const answer = (await browser.tabs.sendMessage(tab.id, { type: TAB_STATUS_MESSAGE })) as TabStatus | undefined;
    return answer ?? { page: null, guard: null };
  } catch {
    return { page: null, guard: null };
  }
}

document.documentElement.lang = language();
void loadLanguage().then(async () => {
  const [connection, tab] = await Promise.all([callGateway('getConnection', {}).catch(() => null), activeTabStatus()]);
  createRoot(document.getElementById('root')!).render(
    <Popup
      connection={connection}
      tab={tab}
      onOpenOptions={(hash) => {
        void browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) }).then(() => window.close());
      }}
    />,
  );
});
