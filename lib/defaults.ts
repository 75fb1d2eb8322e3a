// Defaults that content scripts need too. No zod here: importing lib/settings into a content
// script would bundle zod into every HubSpot page (about 100 KB).
export const DEFAULT_BLOCK_PROPERTY = 'post_sperre_marken';
export const DEFAULT_REASON_PROPERTY = 'grund_post_sperre';
export const DEFAULT_SAVE_BUTTON_LABELS: readonly string[] = ['Speichern', 'Save'];
