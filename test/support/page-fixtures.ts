// The fixture pages the selector contract tests load, and the HubSpot DOM date each stands for
// (what every selector's `fixtures` in lib/page/selectors.ts refers to). Only tests read these.
import type { FixturePage, SurfaceFixture } from '../../lib/page/selectors';

export const FIXTURE_PAGES: readonly FixturePage[] = ['record', 'record-edit', 'record-2026-11-28', 'record-2026-11-28-edit', 'renamed', 'renamed-edit', 'fallbacks', 'record-2026-12-06-edit'];
/** The HubSpot DOM date the fake's current record page stands for. */
export const FIXTURE_DATE = '2026-12-05';
/** The HubSpot DOM date of each fixture page. */
export const FIXTURE_DATES: Readonly<Record<FixturePage, string>> = {
  record: FIXTURE_DATE,
  'record-edit': FIXTURE_DATE,
  'record-2026-11-28': '2026-11-28',
  'record-2026-11-28-edit': '2026-11-28',
  renamed: '2026-11-28',
  'renamed-edit': '2026-11-28',
  fallbacks: '2026-11-28',
  'record-2026-12-06-edit': '2026-12-06',
};


/** The pages of the other edit surfaces (SurfaceFixture in lib/page/selectors.ts). */
export const SURFACE_FIXTURES: readonly SurfaceFixture[] = ['record', 'contacts-index', 'preview', 'segment-preview', 'all-properties', 'all-properties-page', 'bulk-edit'];
