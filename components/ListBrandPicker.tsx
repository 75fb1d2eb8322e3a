import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { searchBrands } from '../lib/domain/brands';
import type { Brand } from '../lib/domain/types';
import { t, tn } from '../lib/i18n';
import { BrandCheckboxes, focusCheckbox, onCheckboxListKey, useToggleSet } from './checkboxList';

export interface ListBrandPickerProps {
  /** Every brand (option of the block property). */
  available: { value: string; label: string }[];
  /** Brands the list is audited for now. */
  initial: string[];
  busy: boolean;
  /** The user's choice for this list. */
  onApply: (brands: string[]) => void;
  /** Back to detection from the list name ("Automatisch erkennen"). */
  onReset: () => void;
  onCancel: () => void;
}

/** Search-as-you-type brand chooser for a list: keyboard first (arrows between search and boxes,
 *  Enter in the search toggles the first match, Escape clears the search, then closes). */
export function ListBrandPicker({ available, initial, busy, onApply, onReset, onCancel }: ListBrandPickerProps) {
  const [query, setQuery] = useState('');
  const [selected, toggle] = useToggleSet(initial);
  const [attempted, setAttempted] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const ids = { title: useId(), search: useId(), list: useId(), count: useId(), error: useId() };

  useEffect(() => searchRef.current?.focus(), []);

  const catalog: Brand[] = useMemo(() => available.map((b, i) => ({ value: b.value, label: b.label, hidden: false, known: true, displayOrder: i })), [available]);
  const shown = useMemo(() => searchBrands(catalog, query), [catalog, query]);
  // Only brands that still exist can be chosen; the order is the catalog's.
  const chosen = catalog.filter((b) => selected.has(b.value)).map((b) => b.value);
  const showError = attempted && chosen.length === 0;

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusCheckbox(listRef, 0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = shown[0];
      if (first) toggle(first.value, !selected.has(first.value));
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => onCheckboxListKey(e, listRef, searchRef);

  return (
    <form
      className="psg-picker"
      aria-labelledby={ids.title}
      onSubmit={(e) => {
        e.preventDefault();
        setAttempted(true);
        if (chosen.length > 0) onApply(chosen);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={ids.title} className="psg-subtitle">
        {t('listBrandsPickerTitle')}
      </h3>
      <p className="psg-muted psg-small">{t('listBrandsPickerHelp')}</p>
      <label htmlFor={ids.search} className="psg-label">
        {t('brandSearchLabel')}
      </label>
      <input
        id={ids.search}
        ref={searchRef}
        type="search"
        className="psg-input"
        data-testid="list-brand-search"
        placeholder={t('brandSearchPlaceholder')}
        value={query}
        autoComplete="off"
        aria-controls={ids.list}
        aria-describedby={ids.count}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onSearchKey}
      />
      <p id={ids.count} className="psg-muted psg-small" aria-live="polite">
        {shown.length === 0 ? t('brandSearchNoMatch', query) : `${tn('brandSearchCount', shown.length, shown.length)} · ${tn('listBrandsSelected', chosen.length, chosen.length)}`}
      </p>
      <BrandCheckboxes
        id={ids.list}
        listRef={listRef}
        label={t('listBrandsPickerTitle')}
        testId="list-brand-toggle"
        brands={shown}
        selected={selected}
        onToggle={toggle}
        onKeyDown={onListKey}
      />
      {showError ? (
        <p id={ids.error} className="psg-field-error" role="alert">
          {t('listBrandsPickNone')}
        </p>
      ) : null}
      <div className="psg-actions">
        <button type="submit" className="psg-button psg-primary" data-testid="list-brands-apply" disabled={busy}>
          {t('listBrandsApply')}
        </button>
        <button type="button" className="psg-button" data-testid="list-brands-reset" disabled={busy} onClick={onReset}>
          {t('listBrandsReset')}
        </button>
        <button type="button" className="psg-button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
