// What the audit engine's tests and `npm run bench` share: the demo portal's setup (its two
// properties and brands, German) and an API whose own limiter is opened up, because these count
// requests rather than wait for budgets.
import type { AuditSetup } from '../../../lib/audit/listAudit';
import { createHubspotApi, type HubspotApi } from '../../../lib/hubspot/api';
import { translator } from '../../../lib/i18n';
import { BRANDS, TOKENS, type FakeHubspot } from '../../fake-hubspot/index';

export const demoAuditSetup: AuditSetup = {
  blockProperty: 'post_sperre_marken',
  reasonProperty: 'grund_post_sperre',
  catalog: BRANDS.map((b) => ({ value: b.value, label: b.label })),
  families: [],
  tr: translator('de'),
};

export const countingApi = (fake: FakeHubspot): HubspotApi =>
  createHubspotApi({ token: TOKENS.valid, baseUrl: fake.httpUrl, allowBaseUrl: true, rateLimitPer10s: 100_000, searchPerSecond: 1_000 });
