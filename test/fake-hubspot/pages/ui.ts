// Server side of the fake HubSpot pages: the HTML shell of the single-page app, the internal data
// endpoints it calls (/api/fake-ui/…), and server-side rendering through node:vm for `?ssr=1`.
import vm from 'node:vm';
import { escapeHtml, isRecord, reply, scriptJson, validationError, HTML_TYPE, type Reply } from '../http';
import type { FakeState, PortalState } from '../state';
import { CLIENT_APP } from './client';
import { css, makeClassNames, type ClassNames } from './classes';
import { HUBSPOT_LABELS_DE, STRINGS, pickLang, type Lang } from './i18n';
import { RENDER_LIB } from './render-lib';
import { applyRoad } from '../roads';
import { SURFACES_CLIENT } from './surfaces-client';
import { SURFACES_LIB } from './surfaces-lib';

interface RenderApi {
  FIXTURE_DATE: string;
  dateOf(variant: string): string;
  variants: string[];
  page(ctx: unknown, route: unknown, data: unknown, view?: unknown): string;
  route(pathname: string): { page: string; portalId: string; contactId?: string; listId?: string; tab?: string };
  title(ctx: unknown, route: unknown, data: unknown): string;
}

/** Sections shown in the left sidebar's properties card, in order. */
const SIDEBAR_SECTIONS: Array<{ id: string; properties?: string[] }> = [
  { id: 'contactinformation', properties: ['firstname', 'lastname', 'email', 'country', 'city'] },
  { id: 'dsgvo_sperren' },
];

/** The sidebar state a `?ssr=1` page renders (see Pages.page). */
function ssrView(query: URLSearchParams): Record<string, unknown> {
  const modes: Record<string, string> = {};
  const drafts: Record<string, string> = {};
  const search: Record<string, string> = {};
  for (const name of (query.get('edit') ?? '').split(',').filter(Boolean)) modes[name] = 'edit';
  for (const [k, v] of query) {
    if (k.startsWith('draft.')) drafts[k.slice(6)] = v;
    if (k.startsWith('search.')) search[k.slice(7)] = v;
  }
  return { collapsed: {}, modes, drafts, search, editing: Object.keys(modes).length > 0, saveError: null };
}

function label(lang: Lang, key: string, fallback: string): string {
  return lang === 'de' ? (HUBSPOT_LABELS_DE[key] ?? fallback) : fallback;
}

function uiProperty(portal: PortalState, name: string, lang: Lang) {
  const def = portal.properties.get(name);
  if (!def) return null;
  return {
    name: def.name,
    label: def.hubspotDefined ? label(lang, def.name, def.label) : def.label,
    type: def.type,
    fieldType: def.fieldType,
    options: def.options.map((o) => ({ value: o.value, label: o.label, hidden: o.hidden })),
  };
}

function allValues(portal: PortalState, id: string): Record<string, string | null> | null {
  const c = portal.contacts.get(id);
  if (!c) return null;
  const out: Record<string, string | null> = {};
  for (const name of portal.properties.keys()) out[name] = portal.value(c, name);
  for (const [k, v] of Object.entries(c.properties)) if (!(k in out)) out[k] = v;
  return out;
}

export function recordData(state: FakeState, portalId: string, contactId: string, lang: Lang): Record<string, unknown> {
  const portal = state.portal(portalId);
  if (!portal) return { kind: 'record', found: false, error: 'portal', portalId };
  const values = allValues(portal, contactId);
  if (!values) return { kind: 'record', found: false, error: 'record', portalId };
  const sections = SIDEBAR_SECTIONS.map((s) => {
    const group = portal.propertyGroups.find((g) => g.name === s.id);
    const names =
      s.properties ??
      [...portal.properties.values()]
        .filter((p) => p.groupName === s.id && !p.readOnlyValue)
        .sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
        .map((p) => p.name);
    return {
      id: s.id,
      title: group ? label(lang, `group:${group.name}`, group.label) : s.id,
      collapsed: state.ui.collapsedSections.includes(s.id),
      properties: names.map((n) => uiProperty(portal, n, lang)).filter((p) => p !== null),
    };
  });
  const ids = portal.contacts.ids();
  const i = ids.indexOf(contactId);
  const user = portal.users.get(portal.uiUserId);
  return {
    kind: 'record',
    found: true,
    portalId: String(portal.portalId),
    contact: { id: contactId, properties: values },
    sections,
    neighbors: { prev: i > 0 ? ids[i - 1] : null, next: i >= 0 && i < ids.length - 1 ? ids[i + 1] : null },
    user: user ? { id: user.id, firstName: user.firstName, lastName: user.lastName } : null,
  };
}

export function listData(state: FakeState, portalId: string, listId: string): Record<string, unknown> {
  const portal = state.portal(portalId);
  if (!portal) return { kind: 'list', found: false, error: 'portal', portalId };
  const list = portal.lists.get(listId);
  if (!list) return { kind: 'list', found: false, error: 'list', portalId };
  const members = portal.memberIds(list);
  const shown = members.slice(0, 50).map((id) => {
    const key = String(id);
    if (list.objectTypeId === '0-1') {
      const c = portal.contacts.get(key);
      const name = c ? [c.properties.firstname, c.properties.lastname].filter(Boolean).join(' ') : null;
      return { id: key, name: name || null, email: c?.properties.email ?? null };
    }
    return { id: key, name: portal.companies.get(key) ?? null, email: null };
  });
  return {
    kind: 'list',
    found: true,
    portalId: String(portal.portalId),
    list: {
      listId: list.listId,
      name: list.name,
      processingType: list.processingType,
      objectTypeId: list.objectTypeId,
      size: members.length,
      filterBranch: list.filterBranch ?? null,
    },
    members: shown,
    total: members.length,
    userEmail: portal.users.get(portal.uiUserId)?.email ?? '',
  };
}

/** The contacts index: every contact's name and e-mail, and the properties bulk edit offers. */
export function contactsData(state: FakeState, portalId: string, lang: Lang): Record<string, unknown> {
  const portal = state.portal(portalId);
  if (!portal) return { kind: 'contacts', found: false, error: 'portal', portalId };
  const contacts = portal.contacts.ids().map((id) => {
    const c = portal.contacts.get(id)!;
    return { id, firstname: c.properties.firstname ?? null, lastname: c.properties.lastname ?? null, email: c.properties.email ?? null };
  });
  const names = [...portal.properties.values()].filter((p) => !p.readOnlyValue && !p.hubspotDefined).map((p) => p.name);
  const properties = [...SIDEBAR_SECTIONS[0]!.properties!, ...names].map((n) => uiProperty(portal, n, lang)).filter((p) => p !== null);
  return { kind: 'contacts', found: true, portalId: String(portal.portalId), contacts, properties };
}

export function indexData(state: FakeState, portalId: string): Record<string, unknown> {
  const portal = state.portal(portalId);
  if (!portal) return { kind: 'index', found: false, error: 'portal', portalId };
  const lists = [...portal.lists.values()]
    .sort((a, b) => Number(a.listId) - Number(b.listId))
    .map((l) => ({ listId: l.listId, name: l.name, processingType: l.processingType, objectTypeId: l.objectTypeId, size: portal.listSize(l) }));
  return { kind: 'index', found: true, portalId: String(portal.portalId), lists };
}

export class Pages {
  readonly classes: ClassNames = makeClassNames();
  private readonly stylesheet = css(this.classes.key);
  private readonly render: RenderApi;

  constructor(private readonly state: FakeState) {
    const context = vm.createContext({});
    vm.runInContext(`${RENDER_LIB};\n${SURFACES_LIB};\nthis.FakeRender = FakeRender;`, context);
    this.render = (context as { FakeRender: RenderApi }).FakeRender;
  }

  private langFor(portalId: string, hl: string | null): Lang {
    const portal = this.state.portal(portalId);
    const user = portal?.users.get(portal.uiUserId);
    return pickLang(hl, user?.language);
  }

  /** GET /api/fake-ui/… (internal endpoints of the pages). */
  async uiApi(method: string, path: string, query: URLSearchParams, body: unknown): Promise<Reply> {
    const portalId = query.get('portalId') ?? '';
    const lang = this.langFor(portalId, query.get('hl'));
    if (method === 'GET' && this.state.ui.dataDelayMs > 0) await new Promise((r) => setTimeout(r, this.state.ui.dataDelayMs));
    let m: RegExpExecArray | null;
    if ((m = /^\/api\/fake-ui\/contacts\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      if (method === 'GET') {
        const data = recordData(this.state, portalId, id, lang);
        return reply(data.found ? 200 : 404, data);
      }
      // The sidebar, the preview panel and the all-properties panel save alike (CRM_UI).
      if (method === 'PATCH') return this.uiSave(portalId, id, body, lang);
      return { status: 405, json: { message: 'method not allowed' } };
    }
    if (path === '/api/fake-ui/bulk-edit' && method === 'POST') return this.bulkEdit(portalId, body);
    if (path === '/api/fake-ui/contacts' && method === 'GET') {
      const data = contactsData(this.state, portalId, lang);
      return reply(data.found ? 200 : 404, data);
    }
    if ((m = /^\/api\/fake-ui\/lists\/([^/]+)\/export$/.exec(path)) && method === 'POST') {
      // HubSpot's export dialog started an export (the file would come by e-mail): recorded.
      const listId = decodeURIComponent(m[1]!);
      if (!this.state.portal(portalId)?.lists.get(listId)) return { status: 404, json: { message: 'not found' } };
      const b = isRecord(body) ? body : {};
      this.state.uiExports.push({ portalId, listId, email: String(b.email ?? ''), format: String(b.format ?? ''), at: new Date(this.state.now()).toISOString() });
      return reply(200, { status: 'PENDING' });
    }
    if (method !== 'GET') return { status: 405, json: { message: 'method not allowed' } };
    if ((m = /^\/api\/fake-ui\/lists\/([^/]+)$/.exec(path))) {
      const data = listData(this.state, portalId, decodeURIComponent(m[1]!));
      return reply(data.found ? 200 : 404, data);
    }
    if (path === '/api/fake-ui/lists') {
      const data = indexData(this.state, portalId);
      return reply(data.found ? 200 : 404, data);
    }
    return { status: 404, json: { message: 'not found' } };
  }

  /** A save from HubSpot's own sidebar: history records CRM_UI and the logged-in user. */
  private uiSave(portalId: string, id: string, body: unknown, lang: Lang): Reply {
    const portal = this.state.portal(portalId);
    const contact = portal?.contacts.get(id);
    if (!portal || !contact) return { status: 404, json: { message: 'not found' } };
    if (!isRecord(body) || !isRecord(body.properties)) return validationError('Request body must be { "properties": { … } }');
    const { values, errors } = portal.validateWrite(body.properties);
    if (errors.length) return validationError(`Property values were not valid: ${JSON.stringify(errors)}`);
    portal.applyWrite(contact, values, { sourceType: 'CRM_UI', sourceId: `userId:${portal.uiUserId}`, updatedByUserId: portal.uiUserId });
    return reply(200, recordData(this.state, portalId, id, lang));
  }

  /**
   * HubSpot's bulk edit from the contacts index (2021 BulkEditDialog): one value for every selected
   * contact. A multiple checkbox value replaces the contacts' values unless `mode` is "append"
   * (HubSpot then sends ";" + value, which adds to each). History: CRM_UI_BULK_ACTION and the user.
   */
  private bulkEdit(portalId: string, body: unknown): Reply {
    const portal = this.state.portal(portalId);
    if (!portal) return { status: 404, json: { message: 'not found' } };
    if (!isRecord(body) || !Array.isArray(body.ids) || typeof body.property !== 'string' || typeof body.value !== 'string') {
      return validationError('Request body must be { "ids": [...], "property": "…", "value": "…", "mode"?: "append" | "replace" }');
    }
    const written: string[] = [];
    for (const id of body.ids.map(String)) {
      const contact = portal.contacts.get(id);
      if (!contact) continue;
      // The same road the control API plays (roads.ts): CRM_UI_BULK_ACTION by the logged-in user.
      const mode = body.mode === 'append' ? 'append' : 'replace';
      const result = applyRoad(portal, contact, { road: 'bulk-edit', properties: { [body.property]: body.value }, mode, userId: portal.uiUserId });
      if ('errors' in result) return validationError(`Property values were not valid: ${JSON.stringify(result.errors)}`);
      written.push(id);
    }
    return reply(200, { updated: written });
  }

  /**
   * A workflow's editor page (`/workflows/{portalId}/platform/flow/{flowId}/edit`): server-rendered,
   * only what the extension needs (HubSpot's URL, the page language, the flow's name). The real
   * editor is a canvas app whose DOM the product does not read.
   */
  workflowPage(pathname: string, query: URLSearchParams): Reply {
    const m = /^\/workflows\/([^/]+)\/platform\/flow\/([^/]+)(?:\/[^/]*)?\/?$/.exec(pathname);
    const portalId = m ? decodeURIComponent(m[1]!) : '';
    const lang = this.langFor(portalId, query.get('hl'));
    const flow = m ? this.state.portal(portalId)?.flows.get(decodeURIComponent(m[2]!)) : undefined;
    const name = flow ? flow.name : lang === 'de' ? 'Workflow nicht gefunden' : 'Workflow not found';
    const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(name)} | Workflows | HubSpot</title></head>
<body><main data-fake="workflow" data-flow-id="${escapeHtml(flow?.id ?? '')}"><h1>${escapeHtml(name)}</h1></main></body>
</html>`;
    return { status: flow ? 200 : 404, html };
  }

  /**
   * The app shell for any /contacts/… page; `?ssr=1` renders the page's markup into it on the
   * server. `?variant=2026-11-28` serves the fake's earlier reading of HubSpot's DOM (the label
   * outside the element carrying the mode attribute), `?variant=renamed` the synthetic release with
   * renamed hooks (render-lib.ts), `?variant=2026-12-06` HubSpot's own multi-select (UITag tags, options in a
   * popover under <body>).
   * With `?ssr=1`, `edit=a,b` renders those rows in edit mode with the Save bar, `draft.a=…` a
   * draft value, `search.a=…` a brand search (fixtures for tests without a browser).
   */
  page(pathname: string, query: URLSearchParams): Reply {
    const r = this.render.route(pathname);
    const lang = this.langFor(r.portalId, query.get('hl'));
    const strings = STRINGS[lang];
    const asked = query.get('variant') ?? 'current';
    const variant = asked !== 'current' && this.render.variants.includes(asked) ? asked : 'current';
    const params: string[] = [];
    if (query.get('hl')) params.push(`hl=${encodeURIComponent(query.get('hl')!)}`);
    if (variant !== 'current') params.push(`variant=${variant}`);
    const search = params.length ? `?${params.join('&')}` : '';
    const ui = this.state.ui;
    const ctx = { cls: this.classes.cls, strings, lang, portalId: r.portalId, search, variant, pickerInPopover: ui.pickerInPopover, bareTags: ui.bareTags };
    let inner = this.render.page(ctx, r, null);
    let pageTitle = 'HubSpot';
    let state = 'loading';
    if (query.get('ssr') === '1') {
      const data =
        r.page === 'record' || r.page === 'properties' ? recordData(this.state, r.portalId, r.contactId!, lang)
        : r.page === 'contacts' ? contactsData(this.state, r.portalId, lang)
        : r.page === 'list' ? listData(this.state, r.portalId, r.listId!)
        : r.page === 'index' ? indexData(this.state, r.portalId)
        : null;
      inner = this.render.page(ctx, r, data, ssrView(query));
      pageTitle = this.render.title(ctx, r, data);
      state = 'ready';
    }
    const boot = { portalId: r.portalId, lang, cls: this.classes.cls, strings: STRINGS, sidebarDelayMs: ui.sidebarDelayMs, pickerInPopover: ui.pickerInPopover, bareTags: ui.bareTags };
    const cls = this.classes.cls;
    const portalLink = r.portalId ? encodeURIComponent(r.portalId) : '';
    const firstContact = this.state.portal(r.portalId)?.contacts.ids()[0] ?? '';
    const date = this.render.dateOf(variant);
    const html = `<!doctype html>
<html lang="${lang}">
<!-- Fake HubSpot: ${variant === 'renamed' ? `a synthetic release: the DOM of ${date} with the property hooks renamed` : `HubSpot's contact record DOM as of ${date} (docs/hubspot-dom.md)`} -->
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(pageTitle)}</title>
<style>${this.stylesheet}</style>
</head>
<body class="${escapeHtml(cls.body)}" data-fixture-date="${date}" data-fixture-variant="${variant}">
<nav id="hs-nav-v4" class="${escapeHtml(cls.nav)}">
<span class="${escapeHtml(cls.navBrand)}">HubSpot</span>
<a class="${escapeHtml(cls.navLink)}" data-test-id="nav-contacts" href="/contacts/${escapeHtml(portalLink)}/record/0-1/${escapeHtml(encodeURIComponent(firstContact))}${escapeHtml(search)}" data-fake-nav>${escapeHtml(strings.contacts)}</a>
<a class="${escapeHtml(cls.navLink)}" data-test-id="nav-segments" href="/contacts/${escapeHtml(portalLink)}/objectLists/views/all${escapeHtml(search)}" data-fake-nav>${escapeHtml(strings.segments)}</a>
</nav>
<main id="app" class="${escapeHtml(cls.app)}" data-fake-state="${state}" data-fake-page="${escapeHtml(r.page)}">${inner}</main>
<script id="fake-boot" type="application/json">${scriptJson(boot)}</script>
<script>${RENDER_LIB}
${SURFACES_LIB}
${CLIENT_APP}
${SURFACES_CLIENT}</script>
</body>
</html>`;
    return { status: 200, html, contentType: HTML_TYPE };
  }
}
