import { useId } from 'react';
import type { BrandFamily } from '../lib/domain/types';
import { t } from '../lib/i18n';

/** Brand families chosen by brand label with checkboxes (no option values to type). */
export function FamilyPicker({ families, brands, disabled, onChange }: { families: BrandFamily[]; brands: { value: string; label: string }[]; disabled?: boolean; onChange: (next: BrandFamily[]) => void }) {
  const id = useId();
  const update = (i: number, next: BrandFamily) => onChange(families.map((f, j) => (j === i ? next : f)));
  return (
    <div className="opt-family-picker" data-testid="family-picker">
      {families.map((f, i) => (
        <fieldset key={i} className="opt-family" data-testid="family-edit" data-family={f.name}>
          <legend>
            <label htmlFor={`${id}-${i}`}>{t('familyNameLabel')}</label>
          </legend>
          <input id={`${id}-${i}`} value={f.name} disabled={disabled} onChange={(e) => update(i, { ...f, name: e.target.value })} />
          <ul className="opt-checks" aria-label={t('familyBrandsLabel', f.name)}>
            {brands.map((b) => (
              <li key={b.value}>
                <label>
                  <input
                    type="checkbox"
                    data-testid="family-brand"
                    data-brand={b.value}
                    disabled={disabled}
                    checked={f.brands.includes(b.value)}
                    onChange={(e) => update(i, { ...f, brands: e.target.checked ? [...f.brands, b.value] : f.brands.filter((v) => v !== b.value) })}
                  />{' '}
                  {b.label}
                </label>
              </li>
            ))}
          </ul>
          {!f.name.trim() || f.brands.length === 0 ? (
            <p className="opt-error" role="alert">
              {t('familyIncomplete')}
            </p>
          ) : null}
          <button type="button" className="opt-button" disabled={disabled} onClick={() => onChange(families.filter((_, j) => j !== i))}>
            {t('familyRemove', f.name)}
          </button>
        </fieldset>
      ))}
      <button type="button" className="opt-button" data-testid="family-add" disabled={disabled} onClick={() => onChange([...families, { name: '', brands: [] }])}>
        {t('familyAdd')}
      </button>
    </div>
  );
}
