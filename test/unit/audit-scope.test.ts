// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, flowInScope, listFolderName, listInScope, listsAddedBy, scopeConfigured } from '../../lib/audit/scope';
import { parseHubspotPage, workflowPageUrl } from '../../lib/page/urls';

const list = (listId: string, name: string, folder?: string) => ({ listId, name, ...(folder ? { additionalProperties: { hs_folder_name: folder } } : {}) });

describe('postal scope', () => {
  it('without a configured scope everything is in scope (strictest)', () => {
    expect(scopeConfigured(EMPTY_SCOPE)).toBe(false);
    expect(listInScope(list('1', 'Newsletter'), EMPTY_SCOPE)).toBe(true);
    expect(flowInScope({ id: '7', name: 'x' }, EMPTY_SCOPE, new Set())).toBe(true);
  });

  it('folders (case-insensitive), name patterns (* and ?, whole name), explicit ids', () => {
    const scope = { folders: ['Postmailings'], namePatterns: ['Katalog * 202?'], listIds: ['9'], flowIds: ['77'] };
    expect(listInScope(list('1', 'A', 'postmailings'), scope)).toBe(true);
    expect(listInScope(list('2', 'A', 'E-Mail'), scope)).toBe(false);
    expect(listInScope(list('3', 'Katalog Marke A 2026'), scope)).toBe(true);
    expect(listInScope(list('4', 'Katalog Marke A 2026 alt'), scope)).toBe(false);
    expect(listInScope(list('5', 'Katalog (A) 2026+'), { ...scope, namePatterns: ['Katalog (A) 2026+'] })).toBe(true);
    expect(listInScope(list('9', 'Newsletter'), scope)).toBe(true);
    expect(listFolderName({ additionalProperties: { hs_folder_name: '  ' } })).toBeUndefined();
  });

  it('a workflow is postal when named, matched, or adding contacts to a postal list', () => {
    const scope = { folders: ['Postmailings'], namePatterns: [], listIds: ['9'], flowIds: ['77'] };
    const adds = (listId: string) => [{ actionTypeId: '0-63809083', fields: { listId } }];
    expect(flowInScope({ id: '77', name: 'x' }, scope, new Set())).toBe(true);
    expect(flowInScope({ id: '1', name: 'x', actions: adds('5') }, scope, new Set(['5']))).toBe(true);
    expect(flowInScope({ id: '1', name: 'x', actions: adds('9') }, scope, new Set())).toBe(true);
    // Removing from a postal list (0-63863438) does not feed it.
    expect(flowInScope({ id: '1', name: 'x', actions: [{ actionTypeId: '0-63863438', fields: { listId: '5' } }] }, scope, new Set(['5']))).toBe(false);
    expect(listsAddedBy({ actions: [...adds('5'), ...adds('5'), { actionTypeId: '0-63809083', fields: { listId: 6 } }] })).toEqual(['5', '6']);
  });
});

describe('workflow page URLs', () => {
  it('parses /workflows/{portalId}/platform/flow/{flowId}/… and builds the editor link', () => {
    expect(parseHubspotPage('https://app-eu1.hubspot.com/workflows/12345678/platform/flow/585051946/edit')).toEqual({ kind: 'workflow', host: 'app-eu1.hubspot.com', portalId: '12345678', flowId: '585051946' });
    expect(parseHubspotPage('https://app.hubspot.com/workflows/12345678/platform/flow/77')).toMatchObject({ kind: 'workflow', flowId: '77' });
    expect(parseHubspotPage('https://app.hubspot.com/workflows/12345678/platform/flow/abc/edit')).toBeNull();
    expect(parseHubspotPage('https://app.hubspot.com/workflows/12345678/view/all')).toBeNull();
    expect(workflowPageUrl('app-eu1.hubspot.com', '12345678', '77')).toBe('https://app-eu1.hubspot.com/workflows/12345678/platform/flow/77/edit');
    expect(() => workflowPageUrl('evil.com', '1', '2')).toThrow(RangeError);
  });
});
