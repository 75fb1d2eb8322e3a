// Keyboard moves in a filtered list of checkboxes under a search field (brand pickers):
// ArrowDown from the field enters the list, arrows move within it, ArrowUp from the first
// checkbox goes back to the field.
import type { KeyboardEvent, RefObject } from 'react';

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
