// The guard's settings carry the block property's option labels (HubSpot's picker is read by them).
import { describe, expect, it } from 'vitest';
import { guardConfig } from '../../lib/gateway/guardConfig';
import type { GatewayEnv } from '../../lib/gateway/session';
import type { HubspotApi } from '../../lib/hubspot/api';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { BrandChoiceStore, memoryChoicesItem } from '../../lib/gateway/brandChoices';

function env(stored: Partial<Settings>, getProperty: () => Promise<unknown>): GatewayEnv {
  return {
    loadSettings: () => Promise.resolve({ ...DEFAULT_SETTINGS, ...stored } as Settings),
    storeSettings: () => Promise.resolve(),
    loadConnection: () => Promise.resolve(null),
    storeConnection: () => Promise.resolve(),
    cache: { get: () => Promise.resolve(undefined), set: () => Promise.resolve() },
    apiFor: () => ({ getProperty }) as unknown as HubspotApi,
    brandChoices: new BrandChoiceStore(memoryChoicesItem()),
  };
}

const signal = new AbortController().signal;
const definition = { name: 'post_sperre_marken', label: 'Post Sperre Marken', type: 'enumeration', fieldType: 'checkbox', options: [{ label: 'Marke A', value: 'marke_a', hidden: false }, { label: 'Alt', value: 'alt', hidden: true }] };

describe('guardConfig', () => {
  it('carries the option labels, hidden ones too', async () => {
    const c = await guardConfig(env({ token: 'pat-eu1-x' }, () => Promise.resolve(definition)), signal);
    expect(c).toEqual({ blockProperty: 'post_sperre_marken', reasonProperty: 'grund_post_sperre', saveButtonLabels: DEFAULT_SETTINGS.saveButtonLabels, blockOptionLabels: ['Marke A', 'Alt'] });
  });

  it('has none without a token or when HubSpot does not answer', async () => {
    expect((await guardConfig(env({ token: '' }, () => Promise.reject(new Error('no'))), signal)).blockOptionLabels).toBeUndefined();
    expect((await guardConfig(env({ token: 'pat-eu1-x' }, () => Promise.reject(new Error('503'))), signal)).blockOptionLabels).toBeUndefined();
  });
});
