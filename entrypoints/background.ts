import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { handlePort } from '../lib/background/router';
import type { GatewayHandlers } from '../lib/port/contract';
import { createBackgroundEnv } from '../lib/background/env';
import '../lib/i18n-extension';
import { createContactHandlers } from '../lib/gateway/handlers';
import { createAuditHandlers } from '../lib/gateway/audit-handlers';
import { createExportHandlers } from '../lib/gateway/export-handlers';

// The gateway: the only place that holds the token and talks to HubSpot.
export default defineBackground(() => {
  const env = createBackgroundEnv();
  const handlers: GatewayHandlers = { ...createContactHandlers(env), ...createAuditHandlers(env), ...createExportHandlers(env) };
  const origin = browser.runtime.getURL('/').replace(/\/$/, '');
  browser.runtime.onConnect.addListener((port) => handlePort(port, handlers, origin, env.keepAliveWhile));
  // Once, right after the first install: the settings are where setup starts. Updates stay quiet.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
});
