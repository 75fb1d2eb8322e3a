// Hooks and a finder only tests use: the record page's middle and right columns (the product
// works in the left column only) and a findFirst that throws instead of returning null.
import { findFirst, SelectorError, type Alternatives, type AnyAlternatives, type Found } from '../../../lib/page/selectors';

/** The facts collected 2026-11 from public code (as the product's own column hooks). */
const SEEN = '2026-11-28';

/** The record page's other two columns, the way SELECTORS.leftSidebar finds the left one. */
export const LAYOUT_SELECTORS = {
  middlePane: [
    { css: '[data-test-id="middle-pane"]', seen: SEEN, source: 'public code' },
    { css: '[data-test-id$="middle-pane"]', seen: SEEN, note: 'renamed with a prefix' },
  ],
  rightSidebar: [
    { css: '[data-test-id="records-right-sidebar"]', seen: SEEN, source: 'public code' },
    { css: '[data-test-id$="right-sidebar"]', seen: SEEN, note: 'prefix changed or dropped' },
  ],
} as const satisfies Record<string, Alternatives>;

/** Like findFirst, but throws a SelectorError naming the hook when nothing matches. */
export function requireFirst(root: ParentNode, hookName: string, alternatives: AnyAlternatives): Found {
  const found = findFirst(root, alternatives);
  if (!found) throw new SelectorError(hookName, alternatives.map((a) => a.css));
  return found;
}
