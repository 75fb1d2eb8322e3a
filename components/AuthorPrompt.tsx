import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { t } from '../lib/i18n';

/** Asked inline before the first save: the short name the reason log records (per browser profile). */
export function AuthorPrompt({ onSave }: { onSave: (userName: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const ids = { input: useId(), help: useId(), error: useId() };
  useEffect(() => ref.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 40) {
      setInvalid(true);
      ref.current?.focus();
      return;
    }
    setBusy(true);
    const ok = await onSave(trimmed);
    setBusy(false);
    if (!ok) setInvalid(true);
  };
  // Keys typed here must not reach HubSpot's own shortcuts.
  const stopHost = (e: KeyboardEvent) => e.stopPropagation();

  return (
    <form className="psg-author" data-testid="author-prompt" onSubmit={(e) => void submit(e)}>
      <label htmlFor={ids.input}>{t('authorPrompt')}</label>
      <input
        ref={ref}
        id={ids.input}
        data-testid="author-input"
        className="psg-input"
        value={name}
        maxLength={40}
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={invalid ? `${ids.help} ${ids.error}` : ids.help}
        onKeyDown={stopHost}
        onChange={(e) => {
          setName(e.target.value);
          setInvalid(false);
        }}
      />
      <p id={ids.help} className="psg-muted psg-small">
        {t('authorHelp')}
      </p>
      {invalid ? (
        <p id={ids.error} className="psg-warn psg-small" role="alert">
          {t('authorInvalid')}
        </p>
      ) : null}
      <button type="submit" className="psg-button" data-testid="author-save" disabled={busy}>
        {t('authorSave')}
      </button>
    </form>
  );
}
