import { describe, expect, it } from 'vitest';
import { contactPageUrl, isHubspotAppHost, listPageUrl, parseHubspotPage, type HubspotPage } from '../../lib/page/urls';
import { isDocumentNavigation, samePageTarget } from '../../lib/page/navigation';

const contact = (host: string, portalId: string, contactId: string): HubspotPage => ({ kind: 'contact', host, portalId, contactId });
const list = (host: string, portalId: string, listId: string): HubspotPage => ({ kind: 'list', host, portalId, listId });
const index = (host: string, portalId: string): HubspotPage => ({ kind: 'list-index', host, portalId });

describe('isHubspotAppHost', () => {
  it.each([
    ['app.hubspot.com', true],
    ['app-eu1.hubspot.com', true],
    ['app-na2.hubspot.com', true],
    ['app-na3.hubspot.com', true],
    ['app-ap1.hubspot.com', true],
    ['APP-EU1.HubSpot.com', true],
    ['api.hubapi.com', false],
    ['api-eu1.hubapi.com', false],
    ['hubspot.com', false],
    ['www.hubspot.com', false],
    ['knowledge.hubspot.com', false],
    ['evil-hubspot.com', false],
    ['app.evil-hubspot.com', false],
    ['app.hubspot.com.evil.org', false],
    ['xapp.hubspot.com', false],
    ['app-.hubspot.com', false],
    ['app-eu.hubspot.com', false],
    ['app-eu1.evil.hubspot.com', false],
    ['evil.app.hubspot.com', false],
    ['app.hubspot.com.', false],
    ['app.hubspot.com:8443', false],
    ['app.hubspotqa.com', false],
    ['app.hubspot.co', false],
    ['', false],
  ])('%j → %s', (host, expected) => {
    expect(isHubspotAppHost(host)).toBe(expected);
  });
});

describe('parseHubspotPage', () => {
  const cases: [string, HubspotPage | null][] = [
    // contact records
    ['https://app.hubspot.com/contacts/12345678/record/0-1/101', contact('app.hubspot.com', '12345678', '101')],
    ['https://app-eu1.hubspot.com/contacts/26543210/record/0-1/98765432101', contact('app-eu1.hubspot.com', '26543210', '98765432101')],
    ['https://app-na2.hubspot.com/contacts/243123456/record/0-1/51', contact('app-na2.hubspot.com', '243123456', '51')],
    ['https://app-ap1.hubspot.com/contacts/46000001/record/0-1/7', contact('app-ap1.hubspot.com', '46000001', '7')],
    ['https://app-eu1.hubspot.com/contacts/26543210/record/0-1/101/view/1', contact('app-eu1.hubspot.com', '26543210', '101')],
    ['https://app-eu1.hubspot.com/contacts/26543210/record/0-1/101/', contact('app-eu1.hubspot.com', '26543210', '101')],
    [
      'https://app-eu1.hubspot.com/contacts/26543210/record/0-1/101?interaction=note&eschref=%2Fcontacts%2F26543210%2Fobjects%2F0-1%2Fviews%2Fall%2Flist',
      contact('app-eu1.hubspot.com', '26543210', '101'),
    ],
    ['https://app-eu1.hubspot.com/contacts/26543210/record/0-1/101/view/1#activity', contact('app-eu1.hubspot.com', '26543210', '101')],
    ['https://app.hubspot.com/contacts/12345678/record/0-1/101/view/3?tab=overview#x', contact('app.hubspot.com', '12345678', '101')],
    ['https://APP-EU1.HUBSPOT.COM/contacts/26543210/record/0-1/101', contact('app-eu1.hubspot.com', '26543210', '101')],
    // older contact links
    ['https://app.hubspot.com/contacts/12345678/contact/101', contact('app.hubspot.com', '12345678', '101')],
    ['https://app-eu1.hubspot.com/contacts/26543210/contact/555/?foo=bar', contact('app-eu1.hubspot.com', '26543210', '555')],
    // lists (segments)
    ['https://app.hubspot.com/contacts/12345678/objectLists/123', list('app.hubspot.com', '12345678', '123')],
    ['https://app-eu1.hubspot.com/contacts/26543210/objectLists/987/filters', list('app-eu1.hubspot.com', '26543210', '987')],
    ['https://app-na2.hubspot.com/contacts/243123456/objectLists/45/filters?view=all#top', list('app-na2.hubspot.com', '243123456', '45')],
    ['https://app-ap1.hubspot.com/contacts/46000001/objectLists/12/details', list('app-ap1.hubspot.com', '46000001', '12')],
    // list index
    ['https://app.hubspot.com/contacts/12345678/objectLists/views/all', index('app.hubspot.com', '12345678')],
    ['https://app-eu1.hubspot.com/contacts/26543210/objectLists/views/all?sort=name', index('app-eu1.hubspot.com', '26543210')],
    ['https://app-eu1.hubspot.com/contacts/26543210/objectLists', index('app-eu1.hubspot.com', '26543210')],
    ['https://app-eu1.hubspot.com/contacts/26543210/objectLists/views/my', index('app-eu1.hubspot.com', '26543210')],
    // other objects and pages
    ['https://app.hubspot.com/contacts/12345678/record/0-2/101', null],
    ['https://app.hubspot.com/contacts/12345678/record/0-3/101', null],
    ['https://app.hubspot.com/contacts/12345678/record/2-1234567/101', null],
    ['https://app.hubspot.com/contacts/12345678/record/0-1', null],
    ['https://app.hubspot.com/contacts/12345678/record/0-1/', null],
    // the contacts index (preview panel and bulk edit are guarded there)
    ['https://app.hubspot.com/contacts/12345678/objects/0-1/views/all/list', { kind: 'contact-index', host: 'app.hubspot.com', portalId: '12345678' }],
    ['https://app-eu1.hubspot.com/contacts/26543210/objects/0-1/views/4711/list?query=x', { kind: 'contact-index', host: 'app-eu1.hubspot.com', portalId: '26543210' }],
    ['https://app.hubspot.com/contacts/12345678/objects/0-2/views/all/list', null],
    ['https://app.hubspot.com/contacts/12345678/company/101', null],
    ['https://app.hubspot.com/settings/12345678/properties', null],
    ['https://app.hubspot.com/contacts/12345678', null],
    ['https://app.hubspot.com/', null],
    // ids must be numeric
    ['https://app.hubspot.com/contacts/abc/record/0-1/101', null],
    ['https://app.hubspot.com/contacts/12345678/record/0-1/10a1', null],
    ['https://app.hubspot.com/contacts/12345678/record/0-1/0101', null],
    ['https://app.hubspot.com/contacts/12345678/objectLists/new', null],
    ['https://app.hubspot.com/contacts/12345678/objectLists/-5', null],
    ['https://app.hubspot.com/contacts/12345678/contact/%31%30%31', null],
    // hosts that are not HubSpot's app, and other schemes
    ['https://evil-hubspot.com/contacts/12345678/record/0-1/101', null],
    ['https://app.hubspot.com.evil.org/contacts/12345678/record/0-1/101', null],
    ['https://xapp.hubspot.com/contacts/12345678/record/0-1/101', null],
    ['https://api.hubapi.com/contacts/12345678/record/0-1/101', null],
    ['https://app.hubspot.com:8443/contacts/12345678/record/0-1/101', null],
    ['http://app.hubspot.com/contacts/12345678/record/0-1/101', null],
    ['https://evil.example/?next=https://app.hubspot.com/contacts/12345678/record/0-1/101', null],
    ['https://user:pw@evil.example/contacts/12345678/record/0-1/101', null],
    ['https://app.hubspot.com@evil.example/contacts/12345678/record/0-1/101', null],
    ['https://evil.example/contacts/12345678/record/0-1/101#@app.hubspot.com', null],
    ['not a url', null],
    ['', null],
  ];

  it(`has a real-looking sample table (${cases.length} rows)`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', (url, expected) => {
    expect(parseHubspotPage(url)).toEqual(expected);
  });

  it('accepts a URL object (location-like input)', () => {
    expect(parseHubspotPage(new URL('https://app-eu1.hubspot.com/contacts/1/record/0-1/2'))).toEqual(
      contact('app-eu1.hubspot.com', '1', '2'),
    );
  });
});

describe('page links', () => {
  it('builds contact and list links that parse back to the same page', () => {
    const c = contactPageUrl('app-eu1.hubspot.com', '26543210', '101');
    expect(c).toBe('https://app-eu1.hubspot.com/contacts/26543210/record/0-1/101');
    expect(parseHubspotPage(c)).toEqual(contact('app-eu1.hubspot.com', '26543210', '101'));
    const l = listPageUrl('app.hubspot.com', '12345678', '123');
    expect(l).toBe('https://app.hubspot.com/contacts/12345678/objectLists/123');
    expect(parseHubspotPage(l)).toEqual(list('app.hubspot.com', '12345678', '123'));
  });

  it('accepts an origin as uiDomain', () => {
    expect(contactPageUrl('https://app-eu1.hubspot.com/', '1', '2')).toBe('https://app-eu1.hubspot.com/contacts/1/record/0-1/2');
  });

  it.each([
    ['evil.example', '1', '2'],
    ['app.hubspot.com.evil.org', '1', '2'],
    ['app.hubspot.com/evil', '1', '2'],
    ['app.hubspot.com', '1/../../x', '2'],
    ['app.hubspot.com', '1', '2?x=1'],
    ['app.hubspot.com', '', '2'],
  ])('refuses to build a link from %j %j %j', (host, portal, id) => {
    expect(() => contactPageUrl(host, portal, id)).toThrow(RangeError);
    expect(() => listPageUrl(host, portal, id)).toThrow(RangeError);
  });
});

describe('samePageTarget', () => {
  const p = (url: string) => parseHubspotPage(url);
  it.each([
    ['https://app.hubspot.com/contacts/1/record/0-1/2', 'https://app.hubspot.com/contacts/1/record/0-1/2/view/1#x', true],
    ['https://app.hubspot.com/contacts/1/record/0-1/2', 'https://app.hubspot.com/contacts/1/contact/2', true],
    ['https://app.hubspot.com/contacts/1/record/0-1/2', 'https://app.hubspot.com/contacts/1/record/0-1/3', false],
    ['https://app.hubspot.com/contacts/1/record/0-1/2', 'https://app-eu1.hubspot.com/contacts/1/record/0-1/2', false],
    ['https://app.hubspot.com/contacts/1/record/0-1/2', 'https://app.hubspot.com/contacts/9/record/0-1/2', false],
    ['https://app.hubspot.com/contacts/1/objectLists/2', 'https://app.hubspot.com/contacts/1/objectLists/2/filters', true],
    ['https://app.hubspot.com/contacts/1/objectLists/2', 'https://app.hubspot.com/contacts/1/objectLists/3', false],
    ['https://app.hubspot.com/contacts/1/objectLists/2', 'https://app.hubspot.com/contacts/1/record/0-1/2', false],
    ['https://app.hubspot.com/contacts/1/objectLists/views/all', 'https://app.hubspot.com/contacts/1/objectLists', true],
    ['https://app.hubspot.com/contacts/1/objectLists/views/all', 'https://app.hubspot.com/contacts/1/objectLists/2', false],
    ['https://app.hubspot.com/settings', 'https://app.hubspot.com/contacts/1/record/0-2/2', true],
    ['https://app.hubspot.com/settings', 'https://app.hubspot.com/contacts/1/record/0-1/2', false],
  ])('%s ~ %s → %s', (a, b, expected) => {
    expect(samePageTarget(p(a), p(b))).toBe(expected);
    expect(samePageTarget(p(b), p(a))).toBe(expected);
  });
});

describe('isDocumentNavigation', () => {
  const here = { origin: 'https://app-eu1.hubspot.com' };
  it('a download of a blob or data URL is not a navigation of the page (the clean export)', () => {
    expect(isDocumentNavigation(new URL('blob:https://app-eu1.hubspot.com/0b0c4d7e-1111-2222-3333-444455556666'), here)).toBe(false);
    expect(isDocumentNavigation(new URL('data:text/csv;charset=utf-8,a'), here)).toBe(false);
  });
  it('an in-app navigation is; another origin is not (the document is left)', () => {
    expect(isDocumentNavigation(new URL('https://app-eu1.hubspot.com/contacts/1/objectLists/2/filters'), here)).toBe(true);
    expect(isDocumentNavigation(new URL('https://app.hubspot.com/contacts/1/objectLists/2'), here)).toBe(false);
  });
});
