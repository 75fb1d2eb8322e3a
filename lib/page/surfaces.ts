// HubSpot's edit surfaces for contact properties, as the guard sees them: where each one sits in
// the page, how its rows are found, and which Save commits it. The sidebar guard's controller
// (guardController.ts) is the same for every surface; only this description differs.
// docs/hubspot-dom.md says what each hook rests on (verified or assumed).
import { t } from '../i18n';
import { findButtonByText, findFirst, findSaveButton, SELECTORS, SURFACE_SELECTORS, type AnyAlternatives } from './selectors';

/** Every surface the product knows, as the contract's `data-surface` names them. */
export type SurfaceId = 'sidebar' | 'preview' | 'all-properties' | 'bulk-edit';
export const SURFACE_IDS: readonly SurfaceId[] = ['sidebar', 'preview', 'all-properties', 'bulk-edit'];

/** The surface's name as the popup and the status say it. */
export function surfaceName(id: SurfaceId): string {
  switch (id) {
    case 'sidebar':
      return t('surfaceSidebar');
    case 'preview':
      return t('surfacePreview');
    case 'all-properties':
      return t('surfaceAllProperties');
    case 'bulk-edit':
      return t('surfaceBulkEdit');
  }
}

/** A surface that edits one contact's properties with its own Save (all but bulk edit). */
export interface EditSurface {
  id: Exclude<SurfaceId, 'bulk-edit'>;
  /** Where its rows are read while it is shown, or null (not shown). */
  root(doc: Document): ParentNode | null;
  /** Where its Save button and fields must sit for an event to commit it, or null. */
  eventScope(doc: Document): Element | null;
  /** One property's row(s), searched inside the root. */
  row(name: string): AnyAlternatives;
  /** A row's displayed value where the sidebar's hooks (which name the row) do not fit. */
  display?: (name: string) => AnyAlternatives;
  /** HubSpot's Save of this surface (by its label inside the root), or null. */
  saveButton(doc: Document, root: ParentNode, labels: readonly string[]): HTMLElement | null;
  /** Clicks on these open the surface without a URL change: the guard then expects its root. */
  opener?: AnyAlternatives;
  /** Both properties must be there whenever the surface is (the sidebar); elsewhere a surface may
   *  simply not show them (a preview's chosen properties, a folded group of all properties). */
  rowsRequired: boolean;
  /** Where the two may be missing: any property row at all. An open surface without one is a
   *  surface whose rows the guard does not recognise (HubSpot renamed them): not guarded. */
  anyRow?: AnyAlternatives;
}

export const SIDEBAR: EditSurface = {
  id: 'sidebar',
  // No column hook: the rows anywhere in the page; the Save still only inside the column.
  root: (doc) => findFirst(doc, SELECTORS.leftSidebar)?.element ?? doc,
  eventScope: (doc) => findFirst(doc, SELECTORS.saveBarScope)?.element ?? null,
  row: SELECTORS.propertyRow,
  saveButton: (doc, _root, labels) => findSaveButton(doc, labels).button,
  rowsRequired: true,
};

export const PREVIEW: EditSurface = {
  id: 'preview',
  root: (doc) => findFirst(doc, SURFACE_SELECTORS.previewPanel)?.element ?? null,
  eventScope: (doc) => findFirst(doc, SURFACE_SELECTORS.previewPanel)?.element ?? null,
  row: SELECTORS.propertyRow,
  saveButton: (_doc, root, labels) => findButtonByText(root, labels),
  opener: SURFACE_SELECTORS.previewOpener,
  rowsRequired: false,
  anyRow: SURFACE_SELECTORS.previewAnyRow,
};

export const ALL_PROPERTIES: EditSurface = {
  id: 'all-properties',
  root: (doc) => findFirst(doc, SURFACE_SELECTORS.allPropertiesPanel)?.element ?? null,
  eventScope: (doc) => findFirst(doc, SURFACE_SELECTORS.allPropertiesPanel)?.element ?? null,
  row: SURFACE_SELECTORS.allPropertiesRow,
  display: SURFACE_SELECTORS.surfaceRowDisplay,
  saveButton: (_doc, root, labels) => findButtonByText(root, labels),
  rowsRequired: false,
  anyRow: SURFACE_SELECTORS.allPropertiesAnyRow,
};
