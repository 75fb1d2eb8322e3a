// @vitest-environment node
import http from 'node:http';
import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from './helpers';
import { startFakeHubspot, type FakeHubspot } from './index';

let fake: FakeHubspot;
beforeAll(async () => {
  fake = await startFakeHubspot({ quiet: true });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** GET a page with HubSpot's host name (fetch cannot set Host; node:http can), over http or https. */
function page(path: string, host = 'app-eu1.hubspot.com', tls = false): Promise<{ status: number; type: string | undefined; html: string }> {
  return new Promise((resolve, reject) => {
    const opts = { host: '127.0.0.1', port: tls ? fake.httpsPort : fake.httpPort, path, headers: { host }, servername: host, ca: fake.certPem };
    const req = (tls ? https : http).request(opts, (res) => {
      let html = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (html += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], html }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The markup inside <main id="app"> (the app's own render, not the inline scripts). */
function appMarkup(html: string): string {
  const m = /<main id="app"[^>]*>([\s\S]*?)<\/main>/.exec(html);
  return m ? m[1]! : '';
}

describe('record page', () => {
  it('is a single-page-app shell that loads its data from an internal endpoint, without a token', async () => {
    const p = await page('/contacts/12345678/record/0-1/101');
    expect(p.status).toBe(200);
    expect(p.type).toBe('text/html;charset=utf-8');
    expect(p.html).toContain('data-fake-state="loading"');
    expect(p.html).toContain('data-test-id="left-sidebar"');
    expect(p.html).toContain('/api/fake-ui/contacts/');
    expect(p.html).toContain('history.pushState');
    expect(p.html).not.toContain('/crm/v3/');
    expect(p.html).not.toContain('pat-eu1');
    const data = await call(fake, 'GET', '/api/fake-ui/contacts/101?portalId=12345678', { token: null });
    expect(data.status).toBe(200);
    expect(data.json.contact.properties.post_sperre_marken).toBe('marke_a;marke_c');
    expect(data.json.neighbors).toEqual({ prev: null, next: '102' });
    expect(fake.requests.at(-1)).toMatchObject({ kind: 'ui', path: '/api/fake-ui/contacts/101', host: '127.0.0.1' });
    expect(fake.requests.at(-2)).toMatchObject({ kind: 'page', host: 'app-eu1.hubspot.com' });
  });

  it('renders HubSpot\'s hooks (server-side with ?ssr=1) with labels for the values', async () => {
    const p = await page('/contacts/12345678/record/0-1/101?ssr=1');
    const app = appMarkup(p.html);
    expect(app).toContain('data-test-id="left-sidebar"');
    expect(app).toContain('data-test-id="middle-pane"');
    expect(app).toContain('data-test-id="records-right-sidebar"');
    expect(app).toContain('data-card-id="PROPERTIES_V3/0-1/V2"');
    const dsgvo = /<section[^>]*data-fake-section="dsgvo_sperren"[\s\S]*?<\/section>/.exec(app)![0];
    expect(dsgvo).toMatch(/<button[^>]*aria-expanded="true"[^>]*><span>DSGVO Sperren<\/span><\/button>/);
    expect(dsgvo).toContain('<ul data-selenium-test="profile-properties-list"');
    // Rows are direct children of the list.
    expect(dsgvo).toMatch(/<ul data-selenium-test="profile-properties-list"[^>]*><span data-test-id="post_sperre_marken"/);
    const row = /<span data-test-id="post_sperre_marken"[\s\S]*?<\/span><\/div><\/span>/.exec(dsgvo)![0];
    expect(row).toContain('data-deferred-property-input-mode="display"');
    expect(row).toContain('>Marke A; Marke C<');
    expect(dsgvo).toContain('data-test-id="grund_post_sperre"');
    expect(dsgvo).toContain('2026-01-05 MK: +Marke C. Anruf der Kundin, keine Werbepost mehr.');
    expect(app).toContain('>Nächster Kontakt<');
    expect(app).toMatch(/href="\/contacts\/12345678\/record\/0-1\/102"[^>]*data-fake-nav/);
  });

  it('escapes HTML in labels and values', async () => {
    const app = appMarkup((await page('/contacts/12345678/record/0-1/107?ssr=1')).html);
    expect(app).toContain('&lt;b&gt;Atelier &amp; Co&lt;/b&gt;');
    expect(app).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(app).not.toContain('<script>');
    expect(app).not.toContain('<b>');
    const data = await page('/contacts/12345678/record/0-1/107');
    // The boot JSON cannot close its <script> element.
    const boot = /<script id="fake-boot" type="application\/json">([\s\S]*?)<\/script>/.exec(data.html)![1]!;
    expect(boot).not.toContain('</');
  });

  it('shows values that are no option any more as they are, hidden options by label, empty as --', async () => {
    const stale = appMarkup((await page('/contacts/12345678/record/0-1/105?ssr=1')).html);
    expect(stale).toContain('>Marke B; marke_alt<');
    const hidden = appMarkup((await page('/contacts/12345678/record/0-1/108?ssr=1')).html);
    expect(hidden).toContain('>Verlag am Rhein<');
    const none = appMarkup((await page('/contacts/12345678/record/0-1/102?ssr=1')).html);
    expect(/<span data-test-id="post_sperre_marken"[\s\S]*?data-fake-empty="true">--</.test(none)).toBe(true);
  });

  it('generated class names change with every server start', async () => {
    const other = await startFakeHubspot({ quiet: true });
    try {
      const a = appMarkup((await page('/contacts/12345678/record/0-1/101?ssr=1')).html);
      const res = await fetch(`${other.httpUrl}/contacts/12345678/record/0-1/101?ssr=1`);
      const b = appMarkup(await res.text());
      const cls = (html: string) => /data-test-id="left-sidebar" class="([^"]+)"/.exec(html)![1];
      expect(cls(a)).not.toBe(cls(b));
    } finally {
      await other.close();
    }
  });

  it('speaks German by default, English with ?hl=en or the user\'s setting', async () => {
    const de = await page('/contacts/12345678/record/0-1/101?ssr=1');
    expect(de.html).toContain('<html lang="de">');
    expect(de.html).toContain('"save":"Speichern"');
    expect(appMarkup(de.html)).toContain('>Vorname<');
    const en = await page('/contacts/12345678/record/0-1/101?ssr=1&hl=en');
    expect(en.html).toContain('<html lang="en">');
    expect(appMarkup(en.html)).toContain('>Next contact<');
    expect(appMarkup(en.html)).toContain('>First Name<');
    expect(appMarkup(en.html)).toContain('href="/contacts/12345678/record/0-1/102?hl=en"');
    fake.state.portal(12345678)!.users.get(12345)!.language = 'en';
    expect((await page('/contacts/12345678/record/0-1/101')).html).toContain('<html lang="en">');
  });

  it('the old contact URL and unknown records work', async () => {
    expect(appMarkup((await page('/contacts/12345678/contact/103?ssr=1')).html)).toContain('Clara Weber');
    const missing = appMarkup((await page('/contacts/12345678/record/0-1/999?ssr=1')).html);
    expect(missing).toContain('data-fake="not-found"');
    expect(missing).toContain('data-test-id="left-sidebar"');
  });

  it('can fold the DSGVO section (rows are not rendered then)', async () => {
    fake.state.ui.collapsedSections = ['dsgvo_sperren'];
    const app = appMarkup((await page('/contacts/12345678/record/0-1/101?ssr=1')).html);
    expect(app).toMatch(/aria-expanded="false"[^>]*><span>DSGVO Sperren/);
    expect(app).not.toContain('data-test-id="post_sperre_marken"');
  });

  it('a save through the UI endpoint records CRM_UI history by the logged-in user', async () => {
    const r = await call(fake, 'PATCH', '/api/fake-ui/contacts/102?portalId=12345678', { token: null, body: { properties: { post_sperre_marken: 'marke_a' } } });
    expect(r.status).toBe(200);
    const c = fake.state.portal(12345678)!.contacts.get('102')!;
    expect(c.history.post_sperre_marken![0]).toMatchObject({ value: 'marke_a', sourceType: 'CRM_UI', sourceId: 'userId:12345', updatedByUserId: 12345 });
  });
});

describe('record page: dated DOM and sidebar edit mode', () => {
  it('says which HubSpot DOM date it stands for', async () => {
    const p = await page('/contacts/12345678/record/0-1/101');
    expect(p.html).toContain('data-fixture-date="2026-12-05" data-fixture-variant="current"');
    expect(p.html).toMatch(/<!-- Fake HubSpot: HubSpot's contact record DOM as of 2026-12-05/);
    const old = await page('/contacts/12345678/record/0-1/101?variant=2026-11-28');
    expect(old.html).toContain('data-fixture-date="2026-11-28" data-fixture-variant="2026-11-28"');
  });

  it('draws the label inside the element carrying the mode attribute, the value in its own element (2026-11-28: label outside)', async () => {
    const block = (html: string) => /<span data-test-id="post_sperre_marken"[\s\S]*?<\/span><\/div><\/span>/.exec(appMarkup(html))![0];
    const current = block((await page('/contacts/12345678/record/0-1/101?ssr=1')).html);
    expect(current).toMatch(/^<span data-test-id="post_sperre_marken"[^>]*><div data-deferred-property-input-root="true" data-deferred-property-input-state="editable" data-deferred-property-input-mode="display"[^>]*><div[^>]*><label>Post Sperre Marken<\/label><\/div><span[^>]*data-selenium-test="property-input-post_sperre_marken">Marke A; Marke C<\/span><\/div><\/span>$/);
    const old = block((await page('/contacts/12345678/record/0-1/101?ssr=1&variant=2026-11-28')).html);
    expect(old).toMatch(/^<span data-test-id="post_sperre_marken"[^>]*><div[^>]*><label>Post Sperre Marken<\/label><\/div><div data-deferred-property-input-mode="display"/);
  });

  it('renders edit mode: the named controls, picked chips, the options matching the search, the Save bar', async () => {
    const q = 'ssr=1&edit=post_sperre_marken,grund_post_sperre,city&draft.post_sperre_marken=marke_a%3Bmarke_b&search.post_sperre_marken=kunst';
    const app = appMarkup((await page(`/contacts/12345678/record/0-1/101?${q}`)).html);
    const blocks = /<span data-test-id="post_sperre_marken"[\s\S]*?<\/ul><\/div><\/div><\/span>/.exec(app)![0];
    expect(blocks).toContain('data-deferred-property-input-mode="edit"');
    expect(blocks).toMatch(/data-selenium-test="property-input-post_sperre_marken" role="group"/);
    expect([...blocks.matchAll(/data-test-id="multiselect-tag"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['Marke A', 'Marke B']);
    expect(blocks).toContain('type="search"');
    // Only the options matching "kunst" are rendered (picked ones too: they are chips).
    expect([...blocks.matchAll(/type="checkbox" data-fake-option value="([^"]+)"/g)].map((m) => m[1])).toEqual(['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost']);
    expect(app).toMatch(/<textarea[^>]*data-selenium-test="property-input-grund_post_sperre"[^>]*>\n2025-11-12 JB/);
    expect(app).toMatch(/<input type="text" data-selenium-test="property-input-city"[^>]*value="Berlin"/);
    expect(app).toMatch(/data-fake="save-bar"><button[^>]*data-fake-action="save">Speichern<\/button><button[^>]*data-fake-action="cancel">Abbrechen</);
    const en = appMarkup((await page(`/contacts/12345678/record/0-1/101?${q}&hl=en`)).html);
    expect(en).toMatch(/data-fake-action="save">Save<\/button><button[^>]*data-fake-action="cancel">Cancel</);
  });

  it('the renamed variant renames the property hooks only, and its links keep it', async () => {
    const p = await page('/contacts/12345678/record/0-1/101?ssr=1&variant=renamed&edit=post_sperre_marken');
    const app = appMarkup(p.html);
    expect(p.html).toContain('data-fixture-variant="renamed"');
    for (const gone of ['profile-properties-list', 'data-test-id="post_sperre_marken"', 'data-deferred-property-input-mode', 'data-selenium-test="property-input-', 'multiselect-tag', 'data-card-type']) {
      expect(app).not.toContain(gone);
    }
    expect(app).toContain('data-test-id="property-row-post_sperre_marken"');
    expect(app).toContain('data-property-input-mode="edit"');
    expect(app).toContain('data-properties-card-id="PROPERTIES_V3/0-1/V2"');
    expect(app).toContain('data-test-id="left-sidebar"');
    expect(app).toMatch(/<button[^>]*aria-expanded="true"[^>]*><span>DSGVO Sperren<\/span>/);
    expect(app).toContain('href="/contacts/12345678/record/0-1/102?variant=renamed"');
  });

  it('a UI save through the endpoint changes only what it sends', async () => {
    const r = await call(fake, 'PATCH', '/api/fake-ui/contacts/101?portalId=12345678', { token: null, body: { properties: { city: 'Hamburg' } } });
    expect(r.status).toBe(200);
    const c = fake.state.portal(12345678)!.contacts.get('101')!;
    expect(c.properties).toMatchObject({ city: 'Hamburg', post_sperre_marken: 'marke_a;marke_c' });
  });
});

describe('list pages', () => {
  it('shows the list name and header, and the filters', async () => {
    const app = appMarkup((await page('/contacts/12345678/objectLists/1002/filters?ssr=1')).html);
    expect(app).toContain('data-fake="list-header"');
    expect(app).toContain('>Frühjahrsmailing Marke A<');
    expect(app).toContain('Aktives Segment');
    expect(app).toContain('data-fake="filter-tree"');
    expect(app).toContain('post_sperre_marken IS_NONE_OF marke_a');
    const records = appMarkup((await page('/contacts/12345678/objectLists/1004?ssr=1')).html);
    expect(records).toContain('data-fake-record-id="109"');
    expect(records).toContain('Statisches Segment');
  });

  it('the index lists every list with links', async () => {
    const app = appMarkup((await page('/contacts/12345678/objectLists/views/all?ssr=1')).html);
    for (const id of ['1001', '1002', '1003', '1004', '1005', '1006']) expect(app).toContain(`href="/contacts/12345678/objectLists/${id}/filters"`);
    expect(app).toContain('Firmenkunden Marke A');
  });

  it('serves the same shell on any HubSpot host, and over https', async () => {
    const p = await page('/contacts/12345678/objectLists/1001', 'app.hubspot.com', true);
    expect(p.status).toBe(200);
    expect(p.html).toContain('<main id="app"');
    expect(fake.requests.at(-1)!.host).toBe('app.hubspot.com');
  });
});
