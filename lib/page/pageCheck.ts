// The check of a contact page for support (issue 9): which of HubSpot's hooks matched and by
// which dated alternative, the guard's state and the extension's version, as text a user can
// paste into a ticket. It holds no personal data: no portal or contact id, no property value,
// no names; only hook names, CSS, dates and counts.
import { findAll, SELECTORS, type Alternatives } from './selectors';
import type { GuardMode } from './guardStatus';

export interface HookCheck {
  /** e.g. "propertyRow(post_sperre_marken)". */
  hook: string;
  /** The alternative that matched (strongest first), or null when none did. */
  matched: { index: number; of: number; css: string; seen: string; source?: string } | null;
}

export interface PageCheck {
  /** When the check was made (ISO). */
  at: string;
  /** HubSpot's app host (app.hubspot.com, app-eu1.hubspot.com, …). */
  host: string;
  /** The HubSpot UI language of the page. */
  lang: string;
  guard: { mode: GuardMode; problem: string | null };
  hooks: HookCheck[];
}

export interface CheckedProperties {
  blockProperty: string;
  reasonProperty: string;
}

/** Every hook the guard and the panel rely on, checked against the page as it is now. */
export function checkHooks(root: ParentNode, props: CheckedProperties): HookCheck[] {
  const hooks: [string, Alternatives][] = [
    ['leftSidebar', SELECTORS.leftSidebar],
    ['propertiesCard', SELECTORS.propertiesCard],
    ['propertyList', SELECTORS.propertyList],
    [`propertyRow(${props.blockProperty})`, SELECTORS.propertyRow(props.blockProperty)],
    [`propertyRow(${props.reasonProperty})`, SELECTORS.propertyRow(props.reasonProperty)],
    [`propertyDisplay(${props.blockProperty})`, SELECTORS.propertyDisplay(props.blockProperty)],
    [`propertyValue(${props.blockProperty})`, SELECTORS.propertyValue(props.blockProperty)],
    ['propertyDisplayLabel', SELECTORS.propertyDisplayLabel],
    [`propertyEditControl(${props.blockProperty})`, SELECTORS.propertyEditControl(props.blockProperty)],
    ['multiSelectSelected', SELECTORS.multiSelectSelected],
    [`propertyTextInput(${props.reasonProperty})`, SELECTORS.propertyTextInput(props.reasonProperty)],
    ['saveBarScope', SELECTORS.saveBarScope],
    ['sectionHeader', SELECTORS.sectionHeader],
  ];
  return hooks.map(([hook, alternatives]) => ({ hook, matched: firstMatching(root, alternatives) }));
}

function firstMatching(root: ParentNode, alternatives: Alternatives): HookCheck['matched'] {
  for (const [index, a] of alternatives.entries()) {
    if (findAll(root, [a]).length > 0) return { index, of: alternatives.length, css: a.css, seen: a.seen, ...(a.source ? { source: a.source } : {}) };
  }
  return null;
}

/** The check as plain text for a support ticket (English: support reads it, not the user). */
export function formatPageCheck(check: PageCheck, version: string): string {
  const lines = [
    `Post-Sperre Guard ${version}`,
    `checked ${check.at} on ${check.host} (HubSpot language ${check.lang || '?'})`,
    `guard: ${check.guard.mode}${check.guard.problem ? ` (${check.guard.problem})` : ''}`,
    'hooks (alternative that matched, strongest = 1):',
    ...check.hooks.map((h) =>
      h.matched
        ? `  ${h.hook}: ${h.matched.index + 1}/${h.matched.of} seen ${h.matched.seen}${h.matched.source ? `, ${h.matched.source}` : ''}: ${h.matched.css}`
        : `  ${h.hook}: none matched`,
    ),
  ];
  return lines.join('\n');
}
