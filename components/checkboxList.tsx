// Keyboard moves in a filtered list of checkboxes under a search field (brand pickers):
// ArrowDown from the field enters the list, arrows move within it, ArrowUp from the first
// checkbox goes back to the field.
import { useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

function checkboxes(list: RefObject<HTMLElement | null>): HTMLInputElement[] {
  return [...(list.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];
}

export function focusCheckbox(list: RefObject<HTMLElement | null>, index: number): void {
  const all = checkboxes(list);
  if (all.length) all[Math.max(0, Math.min(index, all.length - 1))]?.focus();
}

export function onCheckboxListKey(e: KeyboardEvent<HTMLElement>, list: RefObject<HTMLElement | null>, search: RefObject<HTMLElement | null>): void {
  const all = checkboxes(list);
  const at = all.indexOf(e.target as HTMLInputElement);
  if (at < 0) return;
  if (e.key === 'ArrowDown') {
    e.preventDefault();
    focusCheckbox(list, at + 1);
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    if (at === 0) search.current?.focus();
    else focusCheckbox(list, at - 1);
  }
}

/** A set of picked values with a toggle (the pickers' selection). */
export function useToggleSet(initial: Iterable<string>): [Set<string>, (value: string, on: boolean) => void, (next: Set<string> | ((prev: Set<string>) => Set<string>)) => void] {
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initial));
  const toggle = (value: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });
  return [selected, toggle, setSelected];
}

/** The checkboxes of a brand picker, one per shown brand, with arrow-key moves (onCheckboxListKey). */
export function BrandCheckboxes<B extends { value: string; label: string }>(props: {
  id: string;
  listRef: RefObject<HTMLUListElement | null>;
  label: string;
  testId: string;
  brands: readonly B[];
  selected: ReadonlySet<string>;
  onToggle: (value: string, on: boolean) => void;
  onKeyDown: (e: KeyboardEvent<HTMLUListElement>) => void;
  /** Badges after a brand's label (unknown value, hidden option). */
  badges?: (brand: B) => ReactNode;
}) {
  return (
    <ul id={props.id} ref={props.listRef} className="psg-options" aria-label={props.label} onKeyDown={props.onKeyDown}>
      {props.brands.map((b) => (
        <li key={b.value}>
          <label className="psg-check">
            <input
              type="checkbox"
              data-testid={props.testId}
              data-brand={b.value}
              checked={props.selected.has(b.value)}
              onChange={(e) => props.onToggle(b.value, e.target.checked)}
            />
            <span>{b.label}</span>
            {props.badges?.(b)}
          </label>
        </li>
      ))}
    </ul>
  );
}
