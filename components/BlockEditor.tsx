import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BlockChange, Brand, BrandFamily } from '../lib/domain/types';
import { diffSelection } from '../lib/domain/blocks';
import { familyState, searchBrands, toggleFamily } from '../lib/domain/brands';
import { validateReason } from '../lib/domain/reasonLog';
import { t, tn } from '../lib/i18n';
import { BrandCheckboxes, focusCheckbox, onCheckboxListKey, useToggleSet } from './checkboxList';

export interface BlockEditorProps {
  brands: Brand[];
  families: BrandFamily[];
  /** Blocked values when the editor opened. */
  initial: string[];
  /** Label of the block property, for messages. */
  blockPropertyLabel?: string;
  saving: boolean;
  /** Resolves true when saved; the editor keeps everything the user typed otherwise. */
  onSave: (change: BlockChange) => Promise<boolean> | void;
  onCancel: () => void;
}

/** Search-as-you-type brand picker with family toggles and a mandatory reason. */
export function BlockEditor({ brands, families, initial, blockPropertyLabel, saving, onSave, onCancel }: BlockEditorProps) {
  const [query, setQuery] = useState('');
  const [selected, toggle, setSelected] = useToggleSet(initial);
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const ids = { search: useId(), list: useId(), reason: useId(), reasonError: useId(), count: useId() };

  useEffect(() => searchRef.current?.focus(), []);

  // Unknown values can be lifted but not newly set: HubSpot rejects values that are no option.
  const pickable = useMemo(() => brands.filter((b) => b.known || initial.includes(b.value)), [brands, initial]);
  const shown = useMemo(() => searchBrands(pickable, query), [pickable, query]);
  const change = diffSelection(initial, [...selected]);
  const hasChange = change.add.length + change.remove.length > 0;
  const validation = validateReason(reason);
  const showReasonError = attempted && hasChange && !validation.ok;
  const label = (v: string) => brands.find((b) => b.value === v)?.label ?? v;
  // HubSpot refuses a write that keeps a value which is no option any more (docs/hubspot.md).
  const staleKept = hasChange ? [...selected].filter((v) => brands.some((b) => b.value === v && !b.known)) : [];

  const submit = async () => {
    setAttempted(true);
    if (!hasChange) return;
    if (!validation.ok) {
      reasonRef.current?.focus();
      return;
    }
    await onSave({ add: change.add, remove: change.remove, reason: validation.reason });
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
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
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
                  onChange={(e) => setSelected((prev) => toggleFamily(prev, f, e.target.checked))}
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

      <p className="psg-summary" aria-live="polite">
        {hasChange
          ? t(
              'changeSummary',
              [
                change.add.length ? t('changeAdded', change.add.map(label).join(', ')) : '',
                change.remove.length ? t('changeRemoved', change.remove.map(label).join(', ')) : '',
              ]
                .filter(Boolean)
                .join('; '),
            )
          : t('noChange')}
      </p>

      {staleKept.length ? (
        <p className="psg-field-error" role="alert" data-testid="stale-brand-note">
          {t('unknownBrandsKept', staleKept.map(label).join(', '), blockPropertyLabel ?? '')}
        </p>
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
        <button type="submit" className="psg-button psg-primary" data-testid="save-blocks" disabled={saving} aria-disabled={saving}>
          {saving ? t('panelSaving') : t('saveBlocks')}
        </button>
        <button type="button" className="psg-button" onClick={onCancel} disabled={saving}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
