// The fake HubSpot single-page app (browser JavaScript in a string), on top of RENDER_LIB.
// Like HubSpot: the document is a shell; the app reads the URL, fetches its data from same-origin
// internal endpoints (/api/fake-ui/…, no bearer token), renders, and handles in-app links with
// history.pushState (no reload). Back/forward re-render from popstate.
//
// window.FakeHub is the extension point for later tasks (edit mode):
//   FakeHub.view      { collapsed: {sectionId: bool}, modes: {propertyName: mode}, editing: bool }
//   FakeHub.data      the current page's data (record: { contact, sections, neighbors, … })
//   FakeHub.rerender() re-renders the current page from FakeHub.data and FakeHub.view
//   FakeHub.navigate(url) in-app navigation
//   FakeHub.save(properties) PATCHes the contact through the UI endpoint (history: CRM_UI, the UI user)
// A click on a property value dispatches the DOM event 'fakehub:edit-request' ({ detail: { property } }).
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
    view: { collapsed: {}, modes: {}, editing: false },
    renders: 0
  };

  function ctx() {
    var search = '';
    var hl = new URLSearchParams(location.search).get('hl');
    if (hl) search = '?hl=' + encodeURIComponent(hl);
    return { cls: boot.cls, strings: boot.strings[FakeHub.lang] || boot.strings.de, lang: FakeHub.lang, portalId: FakeHub.route ? FakeHub.route.portalId : boot.portalId, search: search };
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

  function load() {
    var my = ++seq;
    var hl = new URLSearchParams(location.search).get('hl');
    if (hl === 'en' || hl === 'de') FakeHub.lang = hl;
    FakeHub.route = FakeRender.route(location.pathname);
    FakeHub.data = null;
    FakeHub.view = { collapsed: {}, modes: {}, editing: false };
    paint('loading');
    var url = FakeRender.dataUrl(FakeHub.route, FakeHub.lang);
    if (!url) { paint('ready'); return; }
    fetch(url, { credentials: 'same-origin' })
      .then(function (res) { return res.json(); })
      .then(function (data) {
        if (my !== seq) return; // a newer navigation won
        FakeHub.data = data;
        paint('ready');
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
        FakeHub.view.modes = {};
        FakeHub.view.editing = false;
        FakeHub.rerender();
        return data;
      });
    });
  };

  document.addEventListener('click', function (e) {
    var target = e.target;
    if (!(target instanceof Element)) return;
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
    var trigger = target.closest('[data-fake-edit-trigger]');
    if (trigger) {
      document.dispatchEvent(new CustomEvent('fakehub:edit-request', { detail: { property: trigger.getAttribute('data-fake-property') } }));
    }
  });

  window.addEventListener('popstate', load);
  load();
})();
`;
