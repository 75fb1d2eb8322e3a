// The fake HubSpot single-page app (browser JavaScript in a string), on top of RENDER_LIB.
// Like HubSpot: the document is a shell; the app reads the URL, fetches its data from same-origin
// internal endpoints (/api/fake-ui/…, no bearer token), renders, and handles in-app links with
// history.pushState (no reload). Back/forward re-render from popstate.
//
// The sidebar edits like HubSpot's (as far as known, see render-lib.ts):
// - a click (or Enter/Space) on a property value dispatches the DOM event 'fakehub:edit-request'
//   ({ detail: { property } }); the app answers it by switching that row to edit mode, showing the
//   Save/Cancel bar and focusing the control. Several rows can be in edit mode at once.
// - the controls are uncontrolled DOM: the app keeps drafts from input/change events and re-renders
//   only the multi-select's chips and options (the search box keeps focus);
// - Save: a click on the button (Space included, the browser's own activation), Enter on the
//   button (handled on keydown, like some UI kits, so the browser's click does not follow), or
//   Ctrl/Cmd+Enter in a control or the bar. It sends ONE PATCH /api/fake-ui/contacts/{id} with
//   every property whose draft differs from the saved value (nothing changed: no request), then
//   shows display mode again. Cancel discards the drafts.
//
// window.FakeHub:
//   FakeHub.view      { collapsed: {sectionId: bool}, modes: {propertyName: 'edit'}, drafts: {name: value},
//                       search: {name: text}, editing: bool, saveError: string|null }
//   FakeHub.data      the current page's data (record: { contact, sections, neighbors, … })
//   FakeHub.rerender() re-renders the current page from FakeHub.data and FakeHub.view
//   FakeHub.navigate(url) in-app navigation
//   FakeHub.edit(name) what a click on the value does; FakeHub.saveEdits() / cancelEdits() the bar's buttons
//   FakeHub.save(properties) PATCHes the contact through the UI endpoint (history: CRM_UI, the UI user)
//
// No "${" and no template literals in here (String.raw template in TypeScript).

export const CLIENT_APP = String.raw`
(function () {
  'use strict';
  var boot = JSON.parse(document.getElementById('fake-boot').textContent);
  var app = document.getElementById('app');
  var seq = 0;
  var FakeHub = window.FakeHub = {
    boot: boot,
    lang: boot.lang,
    route: null,
    data: null,
    view: freshView(),
    renders: 0,
    saves: 0
  };

  function freshView() { return { collapsed: {}, modes: {}, drafts: {}, search: {}, editing: false, saveError: null }; }
  function variantOf() {
    var v = new URLSearchParams(location.search).get('variant');
    return v && v !== 'current' && FakeRender.variants.indexOf(v) >= 0 ? v : 'current';
  }

  function ctx() {
    var params = [];
    var q = new URLSearchParams(location.search);
    if (q.get('hl')) params.push('hl=' + encodeURIComponent(q.get('hl')));
    if (variantOf() !== 'current') params.push('variant=' + encodeURIComponent(variantOf()));
    var search = params.length ? '?' + params.join('&') : '';
    return { cls: boot.cls, strings: boot.strings[FakeHub.lang] || boot.strings.de, lang: FakeHub.lang, portalId: FakeHub.route ? FakeHub.route.portalId : boot.portalId, search: search, variant: variantOf(), pickerInPopover: !!boot.pickerInPopover, bareTags: !!boot.bareTags };
  }

  function paint(state) {
    app.innerHTML = FakeRender.page(ctx(), FakeHub.route, FakeHub.data, FakeHub.view);
    app.setAttribute('data-fake-state', state);
    app.setAttribute('data-fake-page', FakeHub.route.page);
    document.title = FakeRender.title(ctx(), FakeHub.route, FakeHub.data);
    FakeHub.renders++;
    document.dispatchEvent(new CustomEvent('fakehub:render', { detail: { page: FakeHub.route.page, state: state } }));
  }

  FakeHub.rerender = function () { paint(app.getAttribute('data-fake-state') || 'ready'); };
  FakeHub.ctx = ctx;
  /** Loads the current URL's page again (after a save elsewhere, e.g. bulk edit). */
  FakeHub.reload = function () { load(); };
  /** Events inside another edit surface (preview, all properties, bulk edit) are surfaces-client.ts's. */
  function inSurface(target) { return !!target.closest('[data-fake-surface]'); }

  /** The record's sidebar (or any other page) is rendered: performance.now() of that moment. */
  function sidebarShown() {
    paint('ready');
    FakeHub.sidebarShownAt = performance.now();
  }

  function load() {
    var my = ++seq;
    var hl = new URLSearchParams(location.search).get('hl');
    if (hl === 'en' || hl === 'de') FakeHub.lang = hl;
    FakeHub.route = FakeRender.route(location.pathname);
    FakeHub.data = null;
    FakeHub.view = freshView();
    paint('loading');
    var url = FakeRender.dataUrl(FakeHub.route, FakeHub.lang);
    if (!url) { paint('ready'); return; }
    fetch(url, { credentials: 'same-origin' })
      .then(function (res) { return res.json(); })
      .then(function (data) {
        if (my !== seq) return; // a newer navigation won
        FakeHub.data = data;
        var delay = FakeHub.route.page === 'record' && data.found ? Number(boot.sidebarDelayMs) || 0 : 0;
        if (delay <= 0) { sidebarShown(); return; }
        // Like HubSpot: the page is there, the sidebar's cards come a moment later.
        FakeHub.view.sidebarPending = true;
        paint('loading');
        setTimeout(function () {
          if (my !== seq) return;
          FakeHub.view.sidebarPending = false;
          sidebarShown();
        }, delay);
      })
      .catch(function (err) {
        if (my !== seq) return;
        app.setAttribute('data-fake-state', 'error');
        app.innerHTML = '<div data-fake="load-error">' + FakeRender.esc(ctx().strings.loadError) + ' ' + FakeRender.esc(err && err.message) + '</div>';
      });
  }

  FakeHub.navigate = function (url) {
    history.pushState({ fake: true }, '', url);
    load();
  };

  FakeHub.save = function (properties) {
    var r = FakeHub.route;
    if (!r || r.page !== 'record') return Promise.reject(new Error('not on a record page'));
    return fetch('/api/fake-ui/contacts/' + encodeURIComponent(r.contactId) + '?portalId=' + encodeURIComponent(r.portalId) + '&hl=' + FakeHub.lang, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: properties })
    }).then(function (res) {
      return res.json().then(function (data) {
        if (!res.ok) throw Object.assign(new Error(data.message || 'save failed'), { data: data });
        FakeHub.data = data;
        var collapsed = FakeHub.view.collapsed;
        FakeHub.view = freshView();
        FakeHub.view.collapsed = collapsed;
        FakeHub.rerender();
        return data;
      });
    });
  };

  // ---- sidebar edit mode -------------------------------------------------------------------

  function propDef(name) {
    var found = null;
    ((FakeHub.data && FakeHub.data.sections) || []).forEach(function (sec) {
      sec.properties.forEach(function (p) { if (p.name === name) found = p; });
    });
    return found;
  }
  function savedValue(name) {
    var v = FakeHub.data && FakeHub.data.contact ? FakeHub.data.contact.properties[name] : null;
    return v == null ? '' : String(v);
  }
  /** Every element of a property's editor (the row, and a popover of its picker elsewhere). */
  function editorsOf(name) {
    return Array.prototype.filter.call(document.querySelectorAll('[data-fake-editor]'), function (ed) { return ed.getAttribute('data-fake-property') === name && !inSurface(ed); });
  }
  function focusEditor(name) {
    var f = null;
    editorsOf(name).forEach(function (ed) { f = f || ed.querySelector('[data-fake-text], [data-fake-search]'); });
    if (f) f.focus();
  }

  FakeHub.edit = function (name) {
    if (!FakeHub.data || !FakeHub.data.found || !propDef(name)) return;
    if (FakeHub.view.modes[name] !== 'edit') {
      FakeHub.view.modes[name] = 'edit';
      FakeHub.view.drafts[name] = savedValue(name);
      FakeHub.view.search[name] = '';
      FakeHub.view.editing = true;
      FakeHub.rerender();
    }
    focusEditor(name);
  };

  function sameTokens(a, b) {
    var x = FakeRender.splitTokens(a).sort().join(';');
    var y = FakeRender.splitTokens(b).sort().join(';');
    return x === y;
  }

  /** Draft of a multi-select after (un)picking one option, in the options' order. */
  function toggled(prop, draft, value, on) {
    var picked = FakeRender.splitTokens(draft).filter(function (v) { return v !== value; });
    if (on) picked.push(value);
    var order = (prop.options || []).map(function (o) { return o.value; });
    picked.sort(function (a, b) {
      var i = order.indexOf(a), j = order.indexOf(b);
      return (i < 0 ? 1e9 : i) - (j < 0 ? 1e9 : j);
    });
    return picked.join(';');
  }

  /** Re-renders chips and options of a multi-select (not the search box, which keeps focus). */
  function refreshMulti(name, focusValue) {
    var prop = propDef(name);
    if (!prop) return;
    var picked = FakeRender.splitTokens(FakeHub.view.drafts[name]);
    editorsOf(name).forEach(function (ed) {
      var tags = ed.querySelector('[data-fake-tags]');
      var options = ed.querySelector('[data-fake-options]');
      if (tags) tags.innerHTML = FakeRender.multiTags(ctx(), prop, picked);
      if (options) options.innerHTML = FakeRender.multiOptions(ctx(), prop, picked, FakeHub.view.search[name]);
      if (focusValue != null) {
        var boxes = ed.querySelectorAll('[data-fake-option]');
        for (var i = 0; i < boxes.length; i++) if (boxes[i].value === focusValue) boxes[i].focus();
      }
    });
  }

  FakeHub.saveEdits = function () {
    if (FakeHub.saving || !FakeHub.view.editing) return Promise.resolve(null);
    var changed = {};
    Object.keys(FakeHub.view.modes).forEach(function (name) {
      if (FakeHub.view.modes[name] !== 'edit') return;
      var prop = propDef(name);
      var draft = FakeHub.view.drafts[name] == null ? '' : String(FakeHub.view.drafts[name]);
      var saved = savedValue(name);
      if (prop && FakeRender.isMulti(prop) ? !sameTokens(draft, saved) : draft !== saved) changed[name] = draft;
    });
    if (Object.keys(changed).length === 0) { FakeHub.cancelEdits(); return Promise.resolve(null); }
    FakeHub.saving = true;
    FakeHub.saves++;
    return FakeHub.save(changed).catch(function (err) {
      FakeHub.view.saveError = (err && err.message) || 'save failed';
      FakeHub.rerender();
      return null;
    }).then(function (r) { FakeHub.saving = false; return r; });
  };

  /** Shared with surfaces-client.ts (the panels edit multi-selects the same way). */
  FakeHub.toggled = toggled;
  FakeHub.sameTokens = sameTokens;

  FakeHub.cancelEdits = function () {
    var collapsed = FakeHub.view.collapsed;
    FakeHub.view = freshView();
    FakeHub.view.collapsed = collapsed;
    FakeHub.rerender();
  };

  document.addEventListener('fakehub:edit-request', function (e) {
    if (e.detail && e.detail.property) FakeHub.edit(e.detail.property);
  });

  document.addEventListener('input', function (e) {
    var target = e.target;
    if (!(target instanceof Element) || inSurface(target)) return;
    var ed = target.closest('[data-fake-editor]');
    if (!ed) return;
    var name = ed.getAttribute('data-fake-property');
    if (target.hasAttribute('data-fake-text')) FakeHub.view.drafts[name] = target.value;
    else if (target.hasAttribute('data-fake-search')) {
      FakeHub.view.search[name] = target.value;
      refreshMulti(name, null);
    }
  });

  document.addEventListener('change', function (e) {
    var target = e.target;
    if (!(target instanceof Element) || inSurface(target)) return;
    var ed = target.closest('[data-fake-editor]');
    if (!ed) return;
    var name = ed.getAttribute('data-fake-property');
    if (target.hasAttribute('data-fake-option')) {
      FakeHub.view.drafts[name] = toggled(propDef(name), FakeHub.view.drafts[name], target.value, target.checked);
      refreshMulti(name, target.value);
    } else if (target.hasAttribute('data-fake-text')) {
      FakeHub.view.drafts[name] = target.value;
    }
  });

  document.addEventListener('keydown', function (e) {
    var target = e.target;
    if (!(target instanceof Element) || e.defaultPrevented || inSurface(target)) return;
    if (e.key === 'Enter' && target.closest('[data-fake-action="save"]')) {
      e.preventDefault(); // saves here; the browser's click for Enter does not follow
      FakeHub.saveEdits();
      return;
    }
    // Enter in a single-line field commits every pending edit of the sidebar, as a form does.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && FakeHub.view.editing && target.matches('input[type="text"][data-fake-text]')) {
      e.preventDefault();
      FakeHub.saveEdits();
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && FakeHub.view.editing && target.closest('[data-fake-editor], [data-fake="save-bar"]')) {
      e.preventDefault();
      FakeHub.saveEdits();
      return;
    }
    var trigger = target.closest('[data-fake-edit-trigger]');
    if (trigger && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      document.dispatchEvent(new CustomEvent('fakehub:edit-request', { detail: { property: trigger.getAttribute('data-fake-property') } }));
    }
  });

  // The segment's export: HubSpot's export dialog, appended to <body> like its other modals.
  function closeExportDialog() {
    var overlay = document.querySelector('[data-fake="export-overlay"]');
    if (overlay) overlay.remove();
  }
  function exportClick(target) {
    if (target.closest('[data-fake-export-open]')) {
      var d = FakeHub.data;
      if (!d || !d.found || !d.list) return true;
      closeExportDialog();
      var holder = document.createElement('div');
      holder.innerHTML = FakeRender.exportDialog(ctx(), d.list.name, d.userEmail || '');
      document.body.appendChild(holder.firstChild);
      return true;
    }
    if (target.closest('[data-selenium-test="ExportDialog-cancel-button"]')) {
      closeExportDialog();
      return true;
    }
    var submit = target.closest('[data-selenium-test="ExportDialog-submit-button"]');
    if (submit) {
      var r = FakeHub.route;
      var email = (document.querySelector('[data-fake-export-email]') || {}).value || '';
      var format = (document.querySelector('[data-fake-export-format]') || {}).value || 'CSV';
      if (email.trim().indexOf("@") < 1) return true;
      fetch('/api/fake-ui/lists/' + encodeURIComponent(r.listId) + '/export?portalId=' + encodeURIComponent(r.portalId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: email.trim(), format: format })
      }).then(function () {
        closeExportDialog();
        var alert = document.createElement('div');
        alert.setAttribute('data-selenium', 'floating-alert');
        alert.setAttribute('role', 'status');
        alert.textContent = ctx().strings.exportStarted;
        document.body.appendChild(alert);
      });
      return true;
    }
    return false;
  }

  document.addEventListener('click', function (e) {
    var target = e.target;
    if (!(target instanceof Element) || inSurface(target)) return;
    if (exportClick(target)) return;
    var link = target.closest('a[data-fake-nav]');
    if (link && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      FakeHub.navigate(link.getAttribute('href'));
      return;
    }
    var toggle = target.closest('[data-fake-section-toggle]');
    if (toggle) {
      var id = toggle.getAttribute('data-fake-section-id');
      var expanded = toggle.getAttribute('aria-expanded') === 'true';
      FakeHub.view.collapsed[id] = expanded;
      FakeHub.rerender();
      return;
    }
    var action = target.closest('[data-fake-action]');
    if (action) {
      if (action.getAttribute('data-fake-action') === 'save') FakeHub.saveEdits();
      else FakeHub.cancelEdits();
      return;
    }
    var remove = target.closest('[data-fake-remove]');
    if (remove) {
      var ed = remove.closest('[data-fake-editor]');
      var name = ed.getAttribute('data-fake-property');
      FakeHub.view.drafts[name] = toggled(propDef(name), FakeHub.view.drafts[name], remove.getAttribute('data-fake-remove'), false);
      refreshMulti(name, null);
      return;
    }
    var trigger = target.closest('[data-fake-edit-trigger]');
    if (trigger) {
      document.dispatchEvent(new CustomEvent('fakehub:edit-request', { detail: { property: trigger.getAttribute('data-fake-property') } }));
    }
  });

  window.addEventListener('popstate', load);
  load();
})();
`;
