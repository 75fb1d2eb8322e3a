// Where the contact panel docks: right after the card that holds the block properties
// ("DSGVO Sperren" in the left sidebar), so staff find it where they looked before.
import { DEFAULT_BLOCK_PROPERTY } from '../defaults';
import { closestCard, findFirst, findSectionHeader, SELECTORS } from './selectors';

export interface PanelAnchor {
  /** Insert the panel right after this element. */
  after: Element;
  /** How it was found: by the section title, or by the block property's row. */
  via: 'section-title' | 'property-row';
}

export interface PanelAnchorOptions {
  /** Titles of the section that holds the block properties. */
  sectionTitles?: readonly string[];
  /** Internal name of the block property. */
  blockProperty?: string;
}

export const DEFAULT_SECTION_TITLES = ['DSGVO Sperren'] as const;

/**
 * The card holding the block properties: the one whose header is the section title, else the one
 * holding the block property's row. Searched in the left sidebar when HubSpot shows one, else in
 * the whole root. Null while HubSpot has not rendered either (the panel floats meanwhile).
 */
export function findPanelAnchor(root: ParentNode, opts: PanelAnchorOptions = {}): PanelAnchor | null {
  const scope = findFirst(root, SELECTORS.leftSidebar)?.element ?? root;
  const header = findSectionHeader(scope, opts.sectionTitles ?? DEFAULT_SECTION_TITLES);
  if (header) {
    return { after: closestCard(header.element) ?? header.element, via: 'section-title' };
  }
  const row = findFirst(scope, SELECTORS.propertyRow(opts.blockProperty ?? DEFAULT_BLOCK_PROPERTY));
  if (row) {
    return { after: closestCard(row.element) ?? row.element, via: 'property-row' };
  }
  return null;
}
