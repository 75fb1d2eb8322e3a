import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { BlockChange, Brand, BrandFamily } from '../lib/domain/types';
import { brandLabel, familyState, searchBrands } from '../lib/domain/brands';
import { applyIntent, NO_INTENT, toggleIntent, toggleIntentAll, type BlockIntent } from '../lib/domain/intent';
import { validateReason } from '../lib/domain/reasonLog';
import { t, tn } from '../lib/i18n';
import { BrandCheckboxes, focusCheckbox, onCheckboxListKey } from './checkboxList';
import { isUserAction } from './userAction';

export interface BlockEditorProps {
  brands: Brand[];
  families: BrandFamily[];
  /** The contact's blocks as last read: they change under an open editor (a conflict, a sidebar save, a re-read). */
  blocked: string[];
  /** Label of the block property, for messages. */
  blockPropertyLabel?: string;
  /** HubSpot's settings page of the block property (for a value that is no option any more). */
  propertySettingsUrl?: string;
  saving: boolean;
  /** `change`: the toggles and the reason; `expected`: the change shown; `saveId`: the same for the
   *  same change saved twice. Resolves true when saved; the editor keeps everything otherwise. */
  onSave: (change: BlockChange, expected: BlockIntent, saveId: string) => Promise<boolean> | void;
  onCancel: () => void;
}

/** Search-as-you-type brand picker with family toggles and a mandatory reason. It keeps the user's
 *  toggles, not a selection: whatever the contact's blocks become meanwhile, the save changes
 *  exactly the brands the user toggled, and the summary shows that change. */
export function BlockEditor({ brands, families, blocked, blockPropertyLabel, propertySettingsUrl, saving, onSave, onCancel }: BlockEditorProps) {
  const [query, setQuery] = useState('');
  const [intent, setIntent] = useState<BlockIntent>(NO_INTENT);
  const plan = useMemo(() => applyIntent(blocked, intent), [blocked, intent]);
  const selected = useMemo(() => new Set(plan.next), [plan]);
  const toggle = (value: string, on: boolean) => setIntent((prev) => toggleIntent(prev, blocked, value, on));
  // The blocks changed under the open editor: say so once the user has toggled something.
  const [openedWith] = useState(() => blocked.join(';'));
  const stateChanged = blocked.join(';') !== openedWith && intent.add.length + intent.remove.length > 0;
  const saveIds = useRef(new Map<string, string>());
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const ids = { search: useId(), list: useId(), reason: useId(), reasonError: useId(), count: useId() };

  useEffect(() => searchRef.current?.focus(), []);

  // Unknown values can be lifted but not newly set: HubSpot rejects values that are no option.
  const pickable = useMemo(() => brands.filter((b) => b.known || blocked.includes(b.value)), [brands, blocked]);
  const shown = useMemo(() => searchBrands(pickable, query), [pickable, query]);
  const hasChange = plan.added.length + plan.removed.length > 0;
  const validation = validateReason(reason);
  const showReasonError = attempted && hasChange && !validation.ok;
  const label = (v: string) => brandLabel(brands, v);
  // HubSpot refuses a write that keeps a value which is no option any more (docs/hubspot.md).
  const staleKept = hasChange ? plan.next.filter((v) => brands.some((b) => b.value === v && !b.known)) : [];

  const submit = async (e: MouseEvent<HTMLButtonElement>) => {
    // Only the user saves: a script in HubSpot's page cannot fill the reason and click for them.
    if (!isUserAction(e)) return;
    setAttempted(true);
    if (!hasChange) return;
    if (!validation.ok) {
      reasonRef.current?.focus();
      return;
    }
    const change: BlockChange = { add: intent.add, remove: intent.remove, reason: validation.reason };
    const key = JSON.stringify(change);
    const saveId = saveIds.current.get(key) ?? globalThis.crypto.randomUUID();
    saveIds.current.set(key, saveId);
    await onSave(change, { add: plan.added, remove: plan.removed }, saveId);
  };

  // Keys typed here must not reach HubSpot's own shortcuts.
  const stopHost = (e: KeyboardEvent) => e.stopPropagation();

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    stopHost(e);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusCheckbox(listRef, 0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = shown[0];
      if (first) toggle(first.value, !selected.has(first.value));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      // First Escape clears the search, the next one closes the editor.
      if (query) setQuery('');
      else onCancel();
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    stopHost(e);
    if (e.key === 'Escape') onCancel();
    else onCheckboxListKey(e, listRef, searchRef);
  };

  return (
    <form
      className="psg-editor"
      aria-label={t('editorTitle')}
      // Our own validation says why (reason-error); the browser's bubble would stop the submit silently.
      noValidate
      // Saving happens on the Save button's own (trusted) click; a submitted form saves nothing.
      onSubmit={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onCancel();
      }}
    >
      {families.length > 0 ? (
        <fieldset className="psg-families">
          <legend>{t('familiesHeading')}</legend>
          {families.map((f) => {
            const state = familyState(f, selected);
            return (
              <label key={f.name} className="psg-check">
                <input
                  type="checkbox"
                  data-testid="family-toggle"
                  data-family={f.name}
                  checked={state === 'all'}
                  ref={(el) => {
                    if (el) el.indeterminate = state === 'some';
                  }}
                  aria-checked={state === 'some' ? 'mixed' : state === 'all'}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setIntent((prev) => toggleIntentAll(prev, blocked, f.brands, on));
                  }}
                />
                {tn('familyToggleLabel', f.brands.length, f.name, f.brands.length)}
              </label>
            );
          })}
        </fieldset>
      ) : null}

      <label htmlFor={ids.search} className="psg-label">
        {t('brandSearchLabel')}
      </label>
      <input
        id={ids.search}
        ref={searchRef}
        type="search"
        data-testid="brand-search"
        className="psg-input"
        placeholder={t('brandSearchPlaceholder')}
        value={query}
        autoComplete="off"
        aria-controls={ids.list}
        aria-describedby={ids.count}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onSearchKey}
        onKeyUp={stopHost}
      />
      <p id={ids.count} className="psg-muted psg-small" aria-live="polite">
        {shown.length === 0 ? t('brandSearchNoMatch', query) : tn('brandSearchCount', shown.length, shown.length)}
      </p>
      <BrandCheckboxes
        id={ids.list}
        listRef={listRef}
        label={t('brandSearchLabel')}
        testId="brand-toggle"
        brands={shown}
        selected={selected}
        onToggle={toggle}
        onKeyDown={onListKey}
        badges={(b) => (
          <>
            {!b.known ? <span className="psg-badge">{t('brandUnknown')}</span> : null}
            {b.hidden ? <span className="psg-badge">{t('brandHidden')}</span> : null}
          </>
        )}
      />

      {stateChanged ? (
        <p className="psg-small psg-warn" role="status" data-testid="editor-state-changed">
          {t('editorStateChanged')}
        </p>
      ) : null}
      <p className="psg-summary" aria-live="polite" data-testid="change-summary">
        {hasChange
          ? t(
              'changeSummary',
              [
                plan.added.length ? t('changeAdded', plan.added.map(label).join(', ')) : '',
                plan.removed.length ? t('changeRemoved', plan.removed.map(label).join(', ')) : '',
              ]
                .filter(Boolean)
                .join('; '),
            )
          : t('noChange')}
      </p>
      {plan.moot.length ? (
        <p className="psg-small psg-muted" data-testid="moot-brands">
          {t('editorMoot', plan.moot.map(label).join(', '))}
        </p>
      ) : null}

      {staleKept.length ? (
        <div className="psg-field-error" role="alert" data-testid="stale-brand-note">
          <p>{t('unknownBrandsKept', staleKept.map(label).join(', '), blockPropertyLabel ?? '')}</p>
          <p>{t('staleBrandFix', staleKept.map(label).join(', '), blockPropertyLabel ?? '')}</p>
          {propertySettingsUrl ? (
            <p>
              <a href={propertySettingsUrl} target="_blank" rel="noopener noreferrer" data-testid="property-settings-link">
                {t('openPropertySettings', blockPropertyLabel ?? '')}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}

      <label htmlFor={ids.reason} className="psg-label">
        {t('reasonLabel')}
      </label>
      <textarea
        id={ids.reason}
        ref={reasonRef}
        data-testid="reason-input"
        className="psg-input"
        rows={3}
        required
        aria-required="true"
        aria-invalid={showReasonError}
        aria-describedby={showReasonError ? ids.reasonError : undefined}
        placeholder={t('reasonPlaceholder')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onKeyUp={stopHost}
      />
      {showReasonError ? (
        <p id={ids.reasonError} className="psg-field-error" role="alert" data-testid="reason-error">
          {validation.ok ? '' : validation.error === 'too-long' ? t('reasonTooLong') : t('reasonRequired')}
        </p>
      ) : null}

      <div className="psg-actions">
        <button type="button" className="psg-button psg-primary" data-testid="save-blocks" disabled={saving} aria-disabled={saving} onClick={(e) => void submit(e)}>
          {saving ? t('panelSaving') : t('saveBlocks')}
        </button>
        <button type="button" className="psg-button" onClick={onCancel} disabled={saving}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
