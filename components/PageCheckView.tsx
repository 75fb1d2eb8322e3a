import { useId, useState } from 'react';
import { t } from '../lib/i18n';

/** The last contact page's check as text for a support ticket, with a copy button (issue 9). */
export function PageCheckView({ text, onCopy }: { text: string | null; onCopy: (text: string) => Promise<void> }) {
  const titleId = useId();
  const [copied, setCopied] = useState(false);
  return (
    <section className="opt-card" aria-labelledby={titleId} data-testid="page-check-section">
      <h2 id={titleId}>{t('pageCheckHeading')}</h2>
      {text === null ? (
        <p className="opt-help" data-testid="page-check" data-state="none">
          {t('pageCheckNone')}
        </p>
      ) : (
        <>
          <p className="opt-help">{t('pageCheckHint')}</p>
          <pre className="opt-pre" data-testid="page-check" data-state="checked" tabIndex={0} aria-labelledby={titleId}>
            {text}
          </pre>
          <button
            type="button"
            data-testid="page-check-copy"
            onClick={() => {
              void onCopy(text).then(() => setCopied(true), () => setCopied(false));
            }}
          >
            {t('pageCheckCopy')}
          </button>
          <span role="status" className="opt-help">
            {copied ? ` ${t('pageCheckCopied')}` : ''}
          </span>
        </>
      )}
    </section>
  );
}
