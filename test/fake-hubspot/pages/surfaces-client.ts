// The fake HubSpot's other edit surfaces at work (browser JavaScript in a string, loaded after
// CLIENT_APP; markup in surfaces-lib.ts): the contacts index's row selection, the record preview
// panel, the all-properties panel (a modal over the record page, or the 2021 page of its own) and
// the bulk edit dialog. The panels edit like the record sidebar (a click on a value opens its
// control; one PATCH of every changed property on Save: history CRM_UI); bulk edit sends one value
// for every selected contact (history CRM_UI_BULK_ACTION).
//
// window.FakeHub.surface: the open surface, { kind: 'preview' | 'all-properties' | 'bulk-edit', … }.
// No "${" and no template literals in here.

export const SURFACES_CLIENT = String.raw`
(function () {
  'use strict';
  var FakeHub = window.FakeHub;
  var host = document.createElement('div');
  host.id = 'fake-overlay';
  document.body.appendChild(host);
  FakeHub.surface = null;

  function freshView() { return { modes: {}, drafts: {}, search: {}, editing: false }; }
  function q() { return '?portalId=' + encodeURIComponent(FakeHub.ctx().portalId) + '&hl=' + encodeURIComponent(FakeHub.lang); }

  function render(focus) {
    var s = FakeHub.surface;
    if (s && s.inPage) {
      FakeHub.view.surface = s;
      FakeHub.rerender();
    } else {
      host.innerHTML = FakeSurfaces.overlay(FakeHub.ctx(), s);
    }
    if (focus) {
      var el = document.querySelector(focus);
      if (el) {
        el.focus();
        if (typeof el.value === 'string' && el.setSelectionRange) el.setSelectionRange(el.value.length, el.value.length);
      }
    }
  }
  FakeHub.renderSurface = render;

  function close() {
    FakeHub.surface = null;
    host.innerHTML = '';
  }

  function loadRecord(id) {
    return fetch('/api/fake-ui/contacts/' + encodeURIComponent(id) + q(), { credentials: 'same-origin' }).then(function (res) { return res.json(); });
  }

  FakeHub.openPreview = function (id) {
    return loadRecord(id).then(function (data) {
      if (!data.found) return;
      FakeHub.surface = { kind: 'preview', contactId: id, data: data, view: freshView(), saveError: null };
      render('[data-fake-surface] [data-fake-surface-close]');
    });
  };
  FakeHub.openAllProperties = function (id) {
    return loadRecord(id).then(function (data) {
      if (!data.found) return;
      FakeHub.surface = { kind: 'all-properties', contactId: id, data: data, view: freshView(), saveError: null };
      render('[data-fake-surface] [data-fake-surface-close]');
    });
  };

  function props(s) {
    var out = [];
    (s.data.sections || []).forEach(function (sec) { sec.properties.forEach(function (p) { out.push(p); }); });
    return out;
  }
  function propOf(s, name) { return props(s).filter(function (p) { return p.name === name; })[0] || null; }
  function saved(s, name) { var v = s.data.contact.properties[name]; return v == null ? '' : String(v); }
  var sameTokens = FakeHub.sameTokens;
  var toggled = FakeHub.toggled;

  function editProp(name) {
    var s = FakeHub.surface;
    if (!s || !s.data || !propOf(s, name)) return;
    if (s.view.modes[name] !== 'edit') {
      s.view.modes[name] = 'edit';
      s.view.drafts[name] = saved(s, name);
      s.view.search[name] = '';
      s.view.editing = true;
    }
    render('[data-fake-surface] [data-fake-editor][data-fake-property="' + name + '"] [data-fake-text], [data-fake-surface] [data-fake-editor][data-fake-property="' + name + '"] [data-fake-search]');
  }

  function saveSurface() {
    var s = FakeHub.surface;
    if (!s || !s.data || s.saving) return Promise.resolve(null);
    var changed = {};
    Object.keys(s.view.modes).forEach(function (name) {
      var prop = propOf(s, name);
      var draft = s.view.drafts[name] == null ? '' : String(s.view.drafts[name]);
      if (prop && FakeRender.isMulti(prop) ? !sameTokens(draft, saved(s, name)) : draft !== saved(s, name)) changed[name] = draft;
    });
    if (Object.keys(changed).length === 0) { s.view = freshView(); render(); return Promise.resolve(null); }
    s.saving = true;
    FakeHub.saves++;
    return fetch('/api/fake-ui/contacts/' + encodeURIComponent(s.contactId) + q() + '&road=' + s.kind, {
      method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties: changed })
    }).then(function (res) {
      return res.json().then(function (data) {
        s.saving = false;
        if (!res.ok) { s.saveError = data.message || 'save failed'; render(); return null; }
        s.data = data;
        s.view = freshView();
        s.saveError = null;
        render();
        return data;
      });
    });
  }

  // ---- bulk edit ---------------------------------------------------------------------------

  function selectedIds() {
    var sel = FakeHub.view.selected || {};
    return Object.keys(sel).filter(function (k) { return sel[k]; });
  }
  FakeHub.openBulkEdit = function () {
    var ids = selectedIds();
    if (!ids.length || !FakeHub.data) return;
    FakeHub.surface = { kind: 'bulk-edit', ids: ids, count: ids.length, properties: FakeHub.data.properties || [], chosen: null, open: false, draft: '', mode: 'replace', error: null };
    render('#bulk-edit-property-select');
  };
  function bulkConfirm() {
    var s = FakeHub.surface;
    if (!s || s.kind !== 'bulk-edit' || !s.chosen || s.saving) return;
    s.saving = true;
    FakeHub.saves++;
    fetch('/api/fake-ui/bulk-edit' + q(), {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: s.ids, property: s.chosen, value: s.draft, mode: s.mode })
    }).then(function (res) {
      return res.json().then(function (data) {
        s.saving = false;
        if (!res.ok) { s.error = data.message || 'failed'; render(); return; }
        close();
        FakeHub.reload();
      });
    });
  }

  // ---- events --------------------------------------------------------------------------------

  document.addEventListener('click', function (e) {
    var target = e.target;
    if (!(target instanceof Element)) return;
    var preview = target.closest('[data-fake-preview]');
    if (preview) { FakeHub.openPreview(preview.getAttribute('data-fake-preview')); return; }
    if (target.closest('[data-fake-all-properties-modal]') && FakeHub.route && FakeHub.route.contactId) { FakeHub.openAllProperties(FakeHub.route.contactId); return; }
    if (target.closest('[data-fake-bulk-edit]')) { FakeHub.openBulkEdit(); return; }
    var surface = target.closest('[data-fake-surface]');
    if (!surface || !FakeHub.surface) return;
    var s = FakeHub.surface;
    if (target.closest('[data-fake-surface-close]') || target.closest('[data-fake-bulk-cancel]')) { close(); return; }
    var action = target.closest('[data-fake-surface-action]');
    if (action) {
      if (action.getAttribute('data-fake-surface-action') === 'save') saveSurface();
      else { s.view = freshView(); render(); }
      return;
    }
    if (target.closest('[data-fake-bulk-select]')) { s.open = !s.open; render(); return; }
    var option = target.closest('[data-fake-bulk-option]');
    if (option) { s.chosen = option.getAttribute('data-option-value'); s.open = false; s.draft = ''; s.mode = 'replace'; render(); return; }
    if (target.closest('[data-fake-bulk-confirm]')) { bulkConfirm(); return; }
    var remove = target.closest('[data-fake-remove]');
    if (remove) {
      var ed = remove.closest('[data-fake-editor]');
      var n = ed.getAttribute('data-fake-property');
      s.view.drafts[n] = toggled(propOf(s, n), s.view.drafts[n], remove.getAttribute('data-fake-remove'), false);
      render();
      return;
    }
    var trigger = target.closest('[data-fake-edit-trigger]');
    if (trigger) editProp(trigger.getAttribute('data-fake-property'));
  });

  document.addEventListener('keydown', function (e) {
    var target = e.target;
    if (!(target instanceof Element) || e.defaultPrevented || !target.closest('[data-fake-surface]')) return;
    var trigger = target.closest('[data-fake-edit-trigger]');
    if (trigger && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); editProp(trigger.getAttribute('data-fake-property')); }
  });

  document.addEventListener('input', function (e) {
    var target = e.target;
    var s = FakeHub.surface;
    if (!(target instanceof Element) || !s || !target.closest('[data-fake-surface]')) return;
    if (target.hasAttribute('data-fake-bulk-text')) { s.draft = target.value; return; }
    var ed = target.closest('[data-fake-editor]');
    if (!ed) return;
    var name = ed.getAttribute('data-fake-property');
    if (target.hasAttribute('data-fake-text')) s.view.drafts[name] = target.value;
    else if (target.hasAttribute('data-fake-search')) {
      s.view.search[name] = target.value;
      render('[data-fake-surface] [data-fake-editor][data-fake-property="' + name + '"] [data-fake-search]');
    }
  });

  document.addEventListener('change', function (e) {
    var target = e.target;
    var s = FakeHub.surface;
    if (!(target instanceof Element)) return;
    if (target.hasAttribute('data-fake-select')) {
      FakeHub.view.selected = FakeHub.view.selected || {};
      FakeHub.view.selected[target.value] = target.checked;
      FakeHub.rerender();
      return;
    }
    if (!s || !target.closest('[data-fake-surface]')) return;
    if (target.hasAttribute('data-fake-bulk-value')) {
      var chosen = s.properties.filter(function (p) { return p.name === s.chosen; })[0];
      s.draft = toggled(chosen, s.draft, target.value, target.checked);
      return;
    }
    if (target.hasAttribute('data-fake-bulk-mode')) { s.mode = target.value; return; }
    var ed = target.closest('[data-fake-editor]');
    if (!ed) return;
    var name = ed.getAttribute('data-fake-property');
    if (target.hasAttribute('data-fake-option')) {
      s.view.drafts[name] = toggled(propOf(s, name), s.view.drafts[name], target.value, target.checked);
      render('[data-fake-surface] [data-fake-option][value="' + target.value + '"]');
    } else if (target.hasAttribute('data-fake-text')) {
      s.view.drafts[name] = target.value;
    }
  });

  // A new page closes what was open over the old one; the 2021 all-properties page is its panel.
  document.addEventListener('fakehub:render', function (e) {
    var d = e.detail || {};
    if (d.state === 'loading' && FakeHub.surface) close();
    if (d.state === 'ready' && d.page === 'properties' && FakeHub.data && FakeHub.data.found && !FakeHub.surface) {
      FakeHub.surface = { kind: 'all-properties', inPage: true, contactId: FakeHub.route.contactId, data: FakeHub.data, view: freshView(), saveError: null };
      render();
    }
  });
})();
`;
