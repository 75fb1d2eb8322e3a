import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { PageCheckView } from '../../components/PageCheckView';
import { callGateway } from '../../lib/messaging-client';
import { formatPageCheck } from '../../lib/page/pageCheck';

/** The diagnosis for the day HubSpot changes its page: the last contact page's check. */
export function PageCheckContainer() {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    callGateway('getPageCheck', {}).then(
      (check) => setText(check ? formatPageCheck(check, browser.runtime.getManifest().version) : null),
      () => setText(null),
    );
  }, []);
  return <PageCheckView text={text} onCopy={(s) => navigator.clipboard.writeText(s)} />;
}
