// The fake HubSpot pages' rendering, as plain browser JavaScript in a string. The same code runs in
// the page (client-side rendering, as HubSpot's single-page app does) and on the server through
// node:vm for `?ssr=1` (so that tests without a browser can read the markup). Pure functions:
// data in, HTML string out; EVERY piece of data goes through esc().
//
// Dated DOM: the markup stands for HubSpot's record page as of FIXTURE_DATE (docs/hubspot-dom.md and
// the public code cited in lib/page/selectors.ts); DATES names the date of each variant. ctx.variant "renamed" is a
// synthetic later release with the property hooks renamed (see HOOKS), for the guard's
// "layout changed" path. Every hook the extension relies on comes from HOOKS; the fake's own
// behaviour hangs on data-fake-* attributes only, so it works the same in every variant.
//
// Edit mode (what HubSpot does as far as known; the controls' markup is *unverified*): clicking a value switches its
// [data-deferred-property-input-mode] from "display" to "edit" and renders the control
// [data-selenium-test="property-input-{name}"]: a multi-select (chips, a search box, checkboxes of
// the options matching the search) for multi-checkbox properties, a textarea for textarea
// properties, a select for single enumerations, a text input for the rest. saveBar(ctx) is the
// Save/Cancel bar shown while anything is edited (no hook of its own: found by its label).
//
// No "${" and no template literals in here: the code sits inside a TypeScript String.raw template.

export const RENDER_LIB = String.raw`
var FakeRender = (function () {
  'use strict';

  function esc(s) {
    return String(s == null ? '' : s)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function c(ctx, key) { return ctx.cls[key] || ''; }
  function t(ctx, key, subs) {
    var s = ctx.strings[key] != null ? ctx.strings[key] : key;
    if (subs) for (var k in subs) s = s.split('{' + k + '}').join(String(subs[k]));
    return s;
  }
  function attr(name, value) { return ' ' + name + '="' + esc(value) + '"'; }
  function qs(ctx) { return ctx.search || ''; }

  function recordUrl(ctx, id) { return '/contacts/' + encodeURIComponent(ctx.portalId) + '/record/0-1/' + encodeURIComponent(id) + qs(ctx); }
  function listUrl(ctx, id, tab) {
    return '/contacts/' + encodeURIComponent(ctx.portalId) + '/objectLists/' + encodeURIComponent(id) + (tab === 'filters' ? '/filters' : '') + qs(ctx);
  }
  function indexUrl(ctx) { return '/contacts/' + encodeURIComponent(ctx.portalId) + '/objectLists/views/all' + qs(ctx); }
  function navLink(ctx, href, text, extraAttrs, key) {
    return '<a' + attr('href', href) + attr('class', c(ctx, key || 'pagerLink')) + ' data-fake-nav' + (extraAttrs || '') + '>' + esc(text) + '</a>';
  }

  function splitTokens(v) {
    if (v == null) return [];
    return String(v).split(';').map(function (x) { return x.trim(); }).filter(function (x) { return x !== ''; });
  }
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function formatDate(ctx, v, withTime) {
    var d = /^-?[0-9]+$/.test(String(v)) ? new Date(Number(v)) : new Date(String(v));
    if (isNaN(d.getTime())) return String(v);
    var day = pad(d.getUTCDate()), mon = pad(d.getUTCMonth() + 1), y = d.getUTCFullYear();
    var s = ctx.lang === 'en' ? mon + '/' + day + '/' + y : day + '.' + mon + '.' + y;
    if (withTime) s += ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
    return s;
  }

  /** What HubSpot shows for a value: option labels (values that are no option: the raw value). */
  function displayText(ctx, prop, value) {
    if (value == null || value === '') return null;
    if (prop.type === 'enumeration') {
      var labels = {};
      (prop.options || []).forEach(function (o) { labels[o.value] = o.label; });
      var tokens = prop.fieldType === 'checkbox' ? splitTokens(value) : [String(value)];
      return tokens.map(function (v) { return Object.prototype.hasOwnProperty.call(labels, v) ? labels[v] : v; }).join('; ');
    }
    if (prop.type === 'date') return formatDate(ctx, value, false);
    if (prop.type === 'datetime') return formatDate(ctx, value, true);
    return String(value);
  }

  /** The date of HubSpot's DOM each variant stands for. */
  var DATES = { current: '2026-12-05', '2026-11-28': '2026-11-28', renamed: '2026-11-28', '2026-12-06': '2026-12-06' };
  var FIXTURE_DATE = DATES.current;
  /**
   * The hooks of each variant.
   * "current" (2026-12-05): the element carrying data-deferred-property-input-mode is the whole
   * property block: it holds the property's label as well as its value, and the value sits in its
   * own element [data-selenium-test="property-input-{name}"] (as public scripts that read HubSpot's
   * sidebar show: "the block's text minus its label's").
   * "2026-11-28": the fake's earlier reading, kept as a dated alternative: the label outside the
   * mode element. "renamed": synthetic, the 2026-11-28 markup with the property hooks renamed.
   * "2026-12-06": the current markup with HubSpot's own multi-select as its public 2021 front-end
   * code renders it (PropertyInputEnumMulti → UISelect multi, UITag): the named control is a button
   * anchor (role="button", aria-haspopup, aria-expanded, data-popover-id) holding one
   * [data-component-name="UITag"] per picked value (its text the option's label, a close button
   * aria-label="Close" data-action="close"); the options are a popover appended to <body>
   * (div#popover-N, role="listbox"), each role="option" with data-option-value and a real checkbox
   * in a <label>; aria-selected marks the keyboard highlight (the first option), not the picked
   * state. ctx.bareTags: the same tags without any hook and without separators between them.
   */
  var CURRENT_HOOKS = {
    card: ' data-card-id="PROPERTIES_V3/0-1/V2" data-card-type="PROPERTIES_V3"',
    list: 'profile-properties-list',
    row: function (n) { return n; },
    mode: 'data-deferred-property-input-mode',
    input: function (n) { return 'property-input-' + n; },
    tags: 'multiselect-tags',
    tag: 'multiselect-tag',
    search: 'multiselect-search',
    labelInside: true
  };
  var HOOKS = {
    current: CURRENT_HOOKS,
    '2026-12-06': Object.assign({}, CURRENT_HOOKS, { picker: 'uitag' }),
    '2026-11-28': Object.assign({}, CURRENT_HOOKS, { labelInside: false }),
    renamed: {
      card: ' data-properties-card-id="PROPERTIES_V3/0-1/V2"',
      list: 'record-properties-list',
      row: function (n) { return 'property-row-' + n; },
      mode: 'data-property-input-mode',
      input: function (n) { return 'record-property-input-' + n; },
      tags: 'select-chips',
      tag: 'select-chip',
      search: 'select-search',
      labelInside: false
    }
  };
  function dateOf(variant) { return DATES[variant] || DATES.current; }
  function hooks(ctx) { return HOOKS[ctx.variant] || HOOKS.current; }

  /** The property's label; labelFor: the id of the control it names (edit mode). */
  function propertyLabel(ctx, prop, labelFor) {
    return '<div' + attr('class', c(ctx, 'propertyLabel')) + '><label' + (labelFor ? attr('for', labelFor) : '') + '>' + esc(prop.label) + '</label></div>';
  }

  /** Opening tag of the element carrying the mode attribute (the whole block in "current"). */
  function modeOpen(ctx, mode, cls) {
    var h = hooks(ctx);
    var root = h.labelInside ? ' data-deferred-property-input-root="true" data-deferred-property-input-state="editable"' : '';
    return '<div' + root + ' ' + h.mode + '="' + mode + '"' + attr('class', cls);
  }

  function propertyValueDisplay(ctx, prop, value) {
    var h = hooks(ctx);
    var text = displayText(ctx, prop, value);
    var inner = text == null
      ? '<span' + attr('class', c(ctx, 'empty')) + ' data-fake-empty="true">--</span>'
      : '<span' + attr('class', c(ctx, 'propertyText')) + attr('data-selenium-test', h.input(prop.name)) + '>' + esc(text) + '</span>';
    return modeOpen(ctx, 'display', c(ctx, 'propertyValue')) +
      ' role="button" tabindex="0" data-fake-edit-trigger' + attr('data-fake-property', prop.name) + '>' +
      (h.labelInside ? propertyLabel(ctx, prop, null) : '') + inner + '</div>';
  }

  function isMulti(prop) { return prop.type === 'enumeration' && prop.fieldType === 'checkbox'; }
  function optionLabel(prop, v) {
    var o = (prop.options || []).filter(function (x) { return x.value === v; })[0];
    return o ? o.label : v;
  }
  function matchesSearch(label, search) {
    var q = String(search || '').trim().toLowerCase();
    return q === '' || String(label).toLowerCase().indexOf(q) >= 0;
  }
  function editorId(name) { return 'fake-input-' + String(name).replace(/[^A-Za-z0-9_-]/g, '_'); }

  /** The chips of the picked options (a search-as-you-type list may not render them all). */
  function multiTags(ctx, prop, picked) {
    var h = hooks(ctx);
    if (h.picker === 'uitag') {
      return picked.map(function (v) {
        return '<span' + (ctx.bareTags ? '' : ' data-component-name="UITag"') + attr('class', c(ctx, 'tag')) + '>' + esc(optionLabel(prop, v)) +
          '<button type="button" tabindex="-1" aria-label="Close" data-action="close"' + attr('class', c(ctx, 'tagRemove')) + attr('data-fake-remove', v) + '>×</button></span>';
      }).join('');
    }
    return picked.map(function (v) {
      return '<span' + attr('data-test-id', h.tag) + attr('class', c(ctx, 'tag')) + attr('data-fake-value', v) + '>' + esc(optionLabel(prop, v)) +
        '<button type="button" tabindex="-1"' + attr('class', c(ctx, 'tagRemove')) + attr('aria-label', t(ctx, 'remove') + ' ' + optionLabel(prop, v)) + attr('data-fake-remove', v) + '>×</button></span>';
    }).join('');
  }

  /** The options matching the search: visible options, plus picked values that are hidden or no option. */
  function multiOptions(ctx, prop, picked, search) {
    var shown = (prop.options || []).filter(function (o) { return !o.hidden || picked.indexOf(o.value) >= 0; }).map(function (o) { return o.value; });
    picked.forEach(function (v) { if (shown.indexOf(v) < 0) shown.push(v); });
    var out = '';
    var first = true;
    shown.forEach(function (v) {
      var label = optionLabel(prop, v);
      if (!matchesSearch(label, search)) return; // not rendered, like a virtualized list
      var on = picked.indexOf(v) >= 0;
      if (hooks(ctx).picker === 'uitag') {
        // aria-selected: the keyboard highlight (the first option), not the picked state.
        out += '<div role="option"' + attr('data-option-value', v) + attr('aria-selected', first ? 'true' : 'false') + attr('class', c(ctx, 'option')) + '><label>' +
          '<input type="checkbox" data-fake-option' + attr('value', v) + (on ? ' checked' : '') + '> ' + esc(label) + '</label></div>';
        first = false;
        return;
      }
      out += '<li role="option"' + attr('aria-selected', on ? 'true' : 'false') + attr('class', c(ctx, 'option')) + '><label>' +
        '<input type="checkbox" data-fake-option' + attr('value', v) + (on ? ' checked' : '') + '> ' + esc(label) + '</label></li>';
    });
    if (out === '') out = '<li' + attr('class', c(ctx, 'muted')) + ' data-fake="no-match">' + esc(t(ctx, 'noMatch')) + '</li>';
    return out;
  }

  /** Chips, search box and options of a multi-select. */
  function multiPicker(ctx, prop, picked, edit) {
    var h = hooks(ctx);
    return '<div' + attr('data-test-id', h.tags) + attr('class', c(ctx, 'tagList')) + ' data-fake-tags>' + multiTags(ctx, prop, picked) + '</div>' +
      '<input type="search" data-fake-search' + attr('id', editorId(prop.name)) + attr('data-test-id', h.search) + attr('class', c(ctx, 'search')) +
      attr('placeholder', t(ctx, 'search')) + attr('aria-label', t(ctx, 'search') + ': ' + prop.label) + attr('value', (edit && edit.search) || '') + ' autocomplete="off">' +
      '<ul role="listbox" aria-multiselectable="true"' + attr('aria-label', prop.label) + attr('class', c(ctx, 'optionList')) + ' data-fake-options>' +
      multiOptions(ctx, prop, picked, edit && edit.search) + '</ul>';
  }

  /** ctx.pickerInPopover: the multi-selects being edited, in a popover at the end of the page. */
  function pickerPopovers(ctx, data, view) {
    if (hooks(ctx).picker === 'uitag') return uitagPopovers(ctx, data, view);
    if (!ctx.pickerInPopover || !data || !data.found) return '';
    var out = '';
    data.sections.forEach(function (sec) {
      sec.properties.forEach(function (p) {
        if (!isMulti(p) || !view.modes || view.modes[p.name] !== 'edit') return;
        var draft = view.drafts && view.drafts[p.name] != null ? view.drafts[p.name] : data.contact.properties[p.name];
        out += '<div data-fake="picker-popover" role="dialog"' + attr('aria-label', p.label) + attr('class', c(ctx, 'sideCard')) + ' data-fake-editor="multi"' + attr('data-fake-property', p.name) + '>' +
          multiPicker(ctx, p, splitTokens(draft), { search: (view.search && view.search[p.name]) || '' }) + '</div>';
      });
    });
    return out;
  }

  /** HubSpot's select popover of each multi-select being edited, at the end of the page. */
  function uitagPopovers(ctx, data, view) {
    if (!data || !data.found || !view || !view.modes) return '';
    var out = '';
    var n = 0;
    data.sections.forEach(function (sec) {
      sec.properties.forEach(function (p) {
        if (!isMulti(p) || view.modes[p.name] !== 'edit') return;
        n++;
        var draft = view.drafts && view.drafts[p.name] != null ? view.drafts[p.name] : data.contact.properties[p.name];
        var search = (view.search && view.search[p.name]) || '';
        out += '<div' + attr('id', 'popover-' + n) + attr('class', c(ctx, 'sideCard')) + ' data-fake="picker-popover" data-fake-editor="multi"' + attr('data-fake-property', p.name) + '>' +
          '<input type="search" data-fake-search' + attr('class', c(ctx, 'search')) + attr('placeholder', t(ctx, 'search')) + attr('aria-label', t(ctx, 'search') + ': ' + p.label) + attr('value', search) + ' autocomplete="off">' +
          '<div role="listbox" aria-multiselectable="true"' + attr('aria-label', p.label) + ' data-fake-options>' + multiOptions(ctx, p, splitTokens(draft), search) + '</div></div>';
      });
    });
    return out;
  }

  /** The edit control of one property. edit: { draft, search }. */
  function editor(ctx, prop, edit) {
    var h = hooks(ctx);
    var draft = edit && edit.draft != null ? String(edit.draft) : '';
    var label = h.labelInside ? propertyLabel(ctx, prop, editorId(prop.name)) : '';
    var open = modeOpen(ctx, 'edit', c(ctx, 'propertyValue') + ' ' + c(ctx, 'editor')) + attr('data-fake-property', prop.name);
    if (isMulti(prop) && h.picker === 'uitag') {
      // HubSpot's UISelect: the named anchor holds the tags; the options are a popover elsewhere.
      return open + ' data-fake-editor="multi">' + label +
        '<div role="button" tabindex="0" aria-haspopup="true" aria-expanded="true"' + attr('data-popover-id', 'popover-' + (edit && edit.popover || 1)) +
        attr('data-selenium-test', h.input(prop.name)) + attr('class', c(ctx, 'tagList')) + ' data-fake-tags>' + multiTags(ctx, prop, splitTokens(draft)) + '</div></div>';
    }
    if (isMulti(prop) && ctx.pickerInPopover) {
      // The named control only opens a popover elsewhere in the page (pickerPopover): nothing
      // in the row tells what is picked.
      return open + ' data-fake-popover-anchor>' + label +
        '<div' + attr('data-selenium-test', h.input(prop.name)) + ' role="group" aria-haspopup="listbox"' + attr('aria-label', prop.label) + '></div></div>';
    }
    if (isMulti(prop)) {
      var picked = splitTokens(draft);
      return open + ' data-fake-editor="multi">' + label +
        '<div' + attr('data-selenium-test', h.input(prop.name)) + ' role="group"' + attr('aria-label', prop.label) + '>' +
        multiPicker(ctx, prop, picked, edit) + '</div></div>';
    }
    var control;
    var named = attr('data-selenium-test', h.input(prop.name)) + attr('id', editorId(prop.name)) + ' data-fake-text';
    if (prop.fieldType === 'textarea') {
      // The newline: HTML drops the first one after <textarea>, so a value's own survives.
      control = '<textarea rows="5"' + named + attr('class', c(ctx, 'textInput')) + '>\n' + esc(draft) + '</textarea>';
    } else if (prop.type === 'enumeration') {
      control = '<select' + named + attr('class', c(ctx, 'textInput')) + '><option value="">--</option>' +
        (prop.options || []).map(function (o) { return '<option' + attr('value', o.value) + (o.value === draft ? ' selected' : '') + '>' + esc(o.label) + '</option>'; }).join('') + '</select>';
    } else {
      control = '<input type="text"' + named + attr('class', c(ctx, 'textInput')) + attr('value', draft) + '>';
    }
    return open + ' data-fake-editor="text">' + control + '</div>';
  }

  /** One row. mode: 'display' or 'edit' (edit: { draft, search } of the control). */
  function propertyRow(ctx, prop, value, mode, edit) {
    var editing = mode === 'edit';
    var body = editing ? editor(ctx, prop, edit || { draft: value == null ? '' : value, search: '' }) : propertyValueDisplay(ctx, prop, value);
    var outside = hooks(ctx).labelInside ? '' : propertyLabel(ctx, prop, editing ? editorId(prop.name) : null);
    return '<span' + attr('data-test-id', hooks(ctx).row(prop.name)) + attr('class', c(ctx, 'propertyRow')) + '>' + outside + body + '</span>';
  }

  /** view: { modes: {name: 'edit'}, drafts: {name: value}, search: {name: text} } */
  function section(ctx, sec, values, view) {
    view = view || {};
    var modes = view.modes || {};
    var collapsed = !!sec.collapsed;
    var out = '<section' + attr('class', c(ctx, 'section')) + attr('data-fake-section', sec.id) + '>' +
      '<h4' + attr('class', c(ctx, 'sectionHeader')) + '><button type="button"' + attr('class', c(ctx, 'sectionToggle')) +
      attr('aria-expanded', collapsed ? 'false' : 'true') + ' data-fake-section-toggle' + attr('data-fake-section-id', sec.id) + '>' +
      '<span>' + esc(sec.title) + '</span></button></h4>';
    if (!collapsed) {
      out += '<ul' + attr('data-selenium-test', hooks(ctx).list) + attr('class', c(ctx, 'propertyList')) + '>';
      sec.properties.forEach(function (p) {
        var mode = modes[p.name] || 'display';
        var edit = mode === 'edit' ? { draft: view.drafts && view.drafts[p.name] != null ? view.drafts[p.name] : values[p.name], search: (view.search && view.search[p.name]) || '' } : null;
        out += propertyRow(ctx, p, values[p.name], mode, edit);
      });
      out += '</ul>';
    }
    return out + '</section>';
  }

  /** HubSpot's Save/Cancel bar while anything is edited: orange Save first. error: text of a failed save. */
  function saveBar(ctx, error) {
    return '<div' + attr('class', c(ctx, 'saveBar')) + ' data-fake="save-bar">' +
      '<button type="button"' + attr('class', c(ctx, 'button') + ' ' + c(ctx, 'buttonPrimary')) + ' data-fake-action="save">' + esc(t(ctx, 'save')) + '</button>' +
      '<button type="button"' + attr('class', c(ctx, 'button')) + ' data-fake-action="cancel">' + esc(t(ctx, 'cancel')) + '</button>' +
      (error ? '<span role="alert"' + attr('class', c(ctx, 'saveError')) + ' data-fake="save-error">' + esc(error) + '</span>' : '') + '</div>';
  }

  function fullName(contact) {
    var p = contact.properties || {};
    var n = [p.firstname, p.lastname].filter(function (x) { return x; }).join(' ');
    return n || p.email || ('#' + contact.id);
  }
  function initials(contact) {
    var p = contact.properties || {};
    return ((p.firstname || '').charAt(0) + (p.lastname || '').charAt(0)).toUpperCase() || '?';
  }

  function skeletonRows(ctx, n) {
    var s = '';
    for (var i = 0; i < n; i++) s += '<div' + attr('class', c(ctx, 'skeleton')) + '></div>';
    return s;
  }

  /** The record page's three columns. data null = still loading. view: { collapsed: {sectionId: bool}, modes: {prop: mode}, editing: bool } */
  function recordPage(ctx, data, view) {
    view = view || {};
    var left, middle, right;
    if (!data) {
      left = skeletonRows(ctx, 8);
      middle = skeletonRows(ctx, 4);
      right = skeletonRows(ctx, 3);
    } else if (!data.found) {
      left = '<div' + attr('class', c(ctx, 'notFound')) + ' data-fake="not-found">' + esc(t(ctx, data.error === 'portal' ? 'portalNotFound' : 'recordNotFound')) + '</div>';
      middle = '';
      right = '';
    } else {
      var contact = data.contact;
      var values = contact.properties || {};
      left = '<div' + attr('class', c(ctx, 'highlight')) + ' data-fake="record-highlight">' +
        '<div' + attr('class', c(ctx, 'avatar')) + '>' + esc(initials(contact)) + '</div>' +
        '<h2' + attr('class', c(ctx, 'recordName')) + ' data-fake="record-name">' + esc(fullName(contact)) + '</h2>' +
        '<div' + attr('class', c(ctx, 'recordEmail')) + '>' + esc(values.email || '') + '</div></div>' +
        '<div' + hooks(ctx).card + attr('class', c(ctx, 'card')) + '>' +
        '<div' + attr('class', c(ctx, 'cardHeader')) + '><h3' + attr('class', c(ctx, 'cardTitle')) + '>' + esc(t(ctx, 'aboutContact')) + '</h3>' +
        '<a' + attr('href', '/contacts/' + encodeURIComponent(ctx.portalId) + '/contact/' + encodeURIComponent(contact.id) + '/properties' + qs(ctx)) + attr('class', c(ctx, 'pagerLink')) +
        ' data-fake-all-properties>' + esc(t(ctx, 'viewAllProperties')) + '</a> <button type="button"' + attr('class', c(ctx, 'button')) + ' data-fake-all-properties-modal>' + esc(t(ctx, 'allProperties')) + '</button></div>';
      data.sections.forEach(function (sec) {
        var collapsed = view.collapsed && Object.prototype.hasOwnProperty.call(view.collapsed, sec.id) ? view.collapsed[sec.id] : sec.collapsed;
        left += section(ctx, { id: sec.id, title: sec.title, properties: sec.properties, collapsed: collapsed }, values, view);
      });
      left += '</div>';
      if (view.editing) left += saveBar(ctx, view.saveError);
      // HubSpot renders the sidebar's cards a moment after the rest of the page.
      if (view.sidebarPending) left = skeletonRows(ctx, 8);

      var pager = '<div' + attr('class', c(ctx, 'pager')) + ' data-fake="pager">';
      if (data.neighbors && data.neighbors.prev) pager += navLink(ctx, recordUrl(ctx, data.neighbors.prev), t(ctx, 'prev'), ' data-fake="prev-contact"');
      if (data.neighbors && data.neighbors.next) pager += navLink(ctx, recordUrl(ctx, data.neighbors.next), t(ctx, 'next'), ' data-fake="next-contact"');
      pager += '</div>';
      middle = '<div' + attr('class', c(ctx, 'tabs')) + ' role="tablist">' +
        '<button type="button" role="tab" aria-selected="true"' + attr('class', c(ctx, 'tab') + ' ' + c(ctx, 'tabActive')) + '>' + esc(t(ctx, 'overview')) + '</button>' +
        '<button type="button" role="tab" aria-selected="false"' + attr('class', c(ctx, 'tab')) + '>' + esc(t(ctx, 'activities')) + '</button></div>' +
        pager +
        '<div' + attr('class', c(ctx, 'timeline')) + '>' + esc(t(ctx, 'noActivities')) + '</div>';
      right = '<div' + attr('class', c(ctx, 'sideCard')) + '><strong>' + esc(t(ctx, 'companies')) + ' (0)</strong><div' + attr('class', c(ctx, 'muted')) + '>' + esc(t(ctx, 'noAssociations')) + '</div></div>' +
        '<div' + attr('class', c(ctx, 'sideCard')) + '><strong>' + esc(t(ctx, 'deals')) + ' (0)</strong><div' + attr('class', c(ctx, 'muted')) + '>' + esc(t(ctx, 'noAssociations')) + '</div></div>';
    }
    return '<div' + attr('class', c(ctx, 'layout')) + ' data-fake="record-layout">' +
      '<div data-test-id="left-sidebar"' + attr('class', c(ctx, 'left')) + '>' + left + '</div>' +
      '<div data-test-id="middle-pane"' + attr('class', c(ctx, 'middle')) + '>' + middle + '</div>' +
      '<div data-test-id="records-right-sidebar"' + attr('class', c(ctx, 'right')) + '>' + right + '</div></div>' +
      pickerPopovers(ctx, data, view);
  }

  function describeFilter(f) {
    if (!f || typeof f !== 'object') return '?';
    if (f.filterType === 'PROPERTY') {
      var op = f.operation || {};
      var vals = op.values || (op.value != null ? [op.value] : []);
      return f.property + ' ' + op.operator + (vals.length ? ' ' + vals.join(', ') : '') +
        (op.includeObjectsWithNoValueSet ? ' (+ ohne Wert / no value)' : '');
    }
    if (f.filterType === 'IN_LIST') return (f.operator || 'IN_LIST') + ' ' + f.listId;
    if (f.filterType === 'CONSTANT') return 'CONSTANT ' + (f.shouldAccept ? 'true' : 'false');
    return String(f.filterType);
  }
  function filterTree(branch) {
    if (!branch) return '';
    var out = '<li><strong>' + esc(branch.filterBranchType) + '</strong><ul>';
    (branch.filters || []).forEach(function (f) { out += '<li>' + esc(describeFilter(f)) + '</li>'; });
    (branch.filterBranches || []).forEach(function (b) { out += filterTree(b); });
    return out + '</ul></li>';
  }

  /** HubSpot's export dialog as its 2021 code renders it (ExportDialog.js, DIALOG use): a modal with
   *  the e-mail for the download link, the format, and Export / Cancel in the footer. */
  function exportDialog(ctx, listName, email) {
    return '<div data-fake="export-overlay" style="position:fixed;inset:0;background:rgba(45,62,80,.6);display:flex;flex-direction:column;align-items:center;justify-content:center;z-index:1000">' +
      '<div role="dialog" aria-modal="true" aria-labelledby="fake-export-title" data-selenium-test="export-dialog" style="background:#fff;width:560px;border-radius:4px">' +
      '<header style="padding:16px 24px;border-bottom:1px solid #cbd6e2"><h2 id="fake-export-title" style="margin:0;font-size:20px">' + esc(t(ctx, 'exportTitle', { name: listName })) + '</h2></header>' +
      '<div style="padding:16px 24px"><form data-fake-export-form onsubmit="return false">' +
      '<label style="display:block">' + esc(t(ctx, 'exportEmail')) + '<br><input type="email" data-fake-export-email' + attr('value', email) + ' style="width:100%"></label>' +
      '<label style="display:block;margin-top:8px">' + esc(t(ctx, 'exportFormat')) + ' <select data-fake-export-format><option value="CSV" selected>CSV</option><option value="XLS">XLS</option><option value="XLSX">XLSX</option></select></label>' +
      '</form></div>' +
      '<footer style="padding:16px 24px;border-top:1px solid #cbd6e2;display:flex;gap:8px">' +
      '<button type="button" data-selenium-test="ExportDialog-submit-button">' + esc(t(ctx, 'exportCta')) + '</button>' +
      '<button type="button" data-selenium-test="ExportDialog-cancel-button">' + esc(t(ctx, 'exportCancel')) + '</button>' +
      '</footer></div></div>';
  }

  function listPage(ctx, data, tab) {
    if (!data) return '<div' + attr('class', c(ctx, 'listPage')) + ' data-fake="list-page">' + skeletonRows(ctx, 6) + '</div>';
    if (!data.found) {
      return '<div' + attr('class', c(ctx, 'listPage')) + ' data-fake="list-page"><div' + attr('class', c(ctx, 'notFound')) + ' data-fake="not-found">' +
        esc(t(ctx, data.error === 'portal' ? 'portalNotFound' : 'listNotFound')) + '</div>' + navLink(ctx, indexUrl(ctx), t(ctx, 'allSegments')) + '</div>';
    }
    var l = data.list;
    var out = '<div' + attr('class', c(ctx, 'listPage')) + ' data-fake="list-page"' + attr('data-fake-list-id', l.listId) + '>' +
      navLink(ctx, indexUrl(ctx), '← ' + t(ctx, 'allSegments'), ' data-fake="back-to-index"') +
      '<header' + attr('class', c(ctx, 'listHeader')) + ' data-fake="list-header">' +
      '<h1' + attr('class', c(ctx, 'listName')) + ' data-fake="list-name">' + esc(l.name) + '</h1>' +
      '<span' + attr('class', c(ctx, 'badge')) + ' data-fake="list-type">' + esc(t(ctx, l.processingType)) + '</span>' +
      '<span' + attr('class', c(ctx, 'muted')) + '>' + esc(String(l.size)) + ' ' + esc(t(ctx, 'records')) + '</span>' +
      // The segment's export action (assumed hook; docs/hubspot-dom.md "Export dialog").
      '<button type="button" data-test-id="segment-export-button" data-fake-export-open>' + esc(t(ctx, 'exportAction')) + '</button></header>' +
      '<nav' + attr('class', c(ctx, 'tabs')) + '>' +
      navLink(ctx, listUrl(ctx, l.listId, 'records'), t(ctx, 'records'), tab !== 'filters' ? ' aria-current="page"' : '', 'tab') +
      navLink(ctx, listUrl(ctx, l.listId, 'filters'), t(ctx, 'filters'), tab === 'filters' ? ' aria-current="page"' : '', 'tab') + '</nav>';
    if (tab === 'filters') {
      out += '<div' + attr('class', c(ctx, 'filterTree')) + ' data-fake="filter-tree">' +
        (l.filterBranch ? '<ul>' + filterTree(l.filterBranch) + '</ul>' : esc(t(ctx, 'noFilters'))) + '</div>';
    } else {
      out += '<p' + attr('class', c(ctx, 'muted')) + '>' + esc(t(ctx, 'membersShown', { n: data.members.length, total: data.total })) + '</p>' +
        '<table' + attr('class', c(ctx, 'table')) + ' data-fake="members"><thead><tr><th>ID</th><th>' + esc(t(ctx, 'name')) + '</th><th>E-Mail</th></tr></thead><tbody>';
      data.members.forEach(function (m) {
        var name = m.name == null ? '#' + m.id : m.name;
        out += '<tr' + attr('data-fake-record-id', m.id) + '><td>' + esc(m.id) + '</td><td>' +
          (l.objectTypeId === '0-1' ? navLink(ctx, recordUrl(ctx, m.id), name) + ' ' + FakeSurfaces.previewButton(ctx, m.id) : esc(name)) + '</td><td>' + esc(m.email || '') + '</td></tr>';
      });
      out += '</tbody></table>';
    }
    return out + '</div>';
  }

  function indexPage(ctx, data) {
    if (!data) return '<div' + attr('class', c(ctx, 'listPage')) + ' data-fake="index-page">' + skeletonRows(ctx, 6) + '</div>';
    if (!data.found) return '<div' + attr('class', c(ctx, 'notFound')) + ' data-fake="not-found">' + esc(t(ctx, 'portalNotFound')) + '</div>';
    var out = '<div' + attr('class', c(ctx, 'listPage')) + ' data-fake="index-page"><h1' + attr('class', c(ctx, 'listName')) + '>' + esc(t(ctx, 'segments')) + '</h1>' +
      '<table' + attr('class', c(ctx, 'table')) + ' data-fake="lists"><thead><tr><th>' + esc(t(ctx, 'name')) + '</th><th>' + esc(t(ctx, 'type')) + '</th><th>' +
      esc(t(ctx, 'object')) + '</th><th>' + esc(t(ctx, 'size')) + '</th></tr></thead><tbody>';
    data.lists.forEach(function (l) {
      out += '<tr' + attr('data-fake-list-id', l.listId) + '><td>' + navLink(ctx, listUrl(ctx, l.listId, 'filters'), l.name) + '</td><td>' + esc(t(ctx, l.processingType)) +
        '</td><td>' + esc(t(ctx, l.objectTypeId === '0-1' ? 'objectContacts' : l.objectTypeId === '0-2' ? 'objectCompanies' : l.objectTypeId)) + '</td><td>' + esc(String(l.size)) + '</td></tr>';
    });
    return out + '</tbody></table></div>';
  }

  function notFoundPage(ctx) {
    return '<div' + attr('class', c(ctx, 'notFound')) + ' data-fake="not-found">' + esc(t(ctx, 'pageNotFound')) + '</div>';
  }

  /** Dispatch by route. */
  function page(ctx, route, data, view) {
    if (route.page === 'record') return recordPage(ctx, data, view);
    if (route.page === 'list') return listPage(ctx, data, route.tab);
    if (route.page === 'index') return indexPage(ctx, data);
    if (route.page === 'contacts') return FakeSurfaces.contactsPage(ctx, data, view);
    if (route.page === 'properties') {
      if (!data) return skeletonRows(ctx, 8);
      if (!data.found) return '<div' + attr('class', c(ctx, 'notFound')) + ' data-fake="not-found">' + esc(t(ctx, 'recordNotFound')) + '</div>';
      return FakeSurfaces.allPropertiesPanel(ctx, view && view.surface ? view.surface : { data: data, view: {} }, true);
    }
    return notFoundPage(ctx);
  }

  /** Which page a path is. */
  function route(pathname) {
    var m;
    if ((m = /^\/contacts\/([^/]+)\/record\/0-1\/([^/]+)\/?$/.exec(pathname))) return { page: 'record', portalId: decodeURIComponent(m[1]), contactId: decodeURIComponent(m[2]) };
    if ((m = /^\/contacts\/([^/]+)\/contact\/([^/]+)\/?$/.exec(pathname))) return { page: 'record', portalId: decodeURIComponent(m[1]), contactId: decodeURIComponent(m[2]) };
    if ((m = /^\/contacts\/([^/]+)\/contact\/([^/]+)\/properties\/?$/.exec(pathname))) return { page: 'properties', portalId: decodeURIComponent(m[1]), contactId: decodeURIComponent(m[2]) };
    if ((m = /^\/contacts\/([^/]+)\/objects\/0-1\/views\/[^/]+\/list\/?$/.exec(pathname))) return { page: 'contacts', portalId: decodeURIComponent(m[1]) };
    if ((m = /^\/contacts\/([^/]+)\/objectLists\/views\/all\/?$/.exec(pathname))) return { page: 'index', portalId: decodeURIComponent(m[1]) };
    if ((m = /^\/contacts\/([^/]+)\/objectLists\/([^/]+)\/filters\/?$/.exec(pathname))) return { page: 'list', portalId: decodeURIComponent(m[1]), listId: decodeURIComponent(m[2]), tab: 'filters' };
    if ((m = /^\/contacts\/([^/]+)\/objectLists\/([^/]+)\/?$/.exec(pathname))) return { page: 'list', portalId: decodeURIComponent(m[1]), listId: decodeURIComponent(m[2]), tab: 'records' };
    if ((m = /^\/contacts\/([^/]+)/.exec(pathname))) return { page: 'notfound', portalId: decodeURIComponent(m[1]) };
    return { page: 'notfound', portalId: '' };
  }

  /** The internal data endpoint of a route (same origin, no token: like HubSpot's own UI calls). */
  function dataUrl(r, lang) {
    var q = '?portalId=' + encodeURIComponent(r.portalId) + '&hl=' + encodeURIComponent(lang);
    if (r.page === 'record' || r.page === 'properties') return '/api/fake-ui/contacts/' + encodeURIComponent(r.contactId) + q;
    if (r.page === 'contacts') return '/api/fake-ui/contacts' + q;
    if (r.page === 'list') return '/api/fake-ui/lists/' + encodeURIComponent(r.listId) + q;
    if (r.page === 'index') return '/api/fake-ui/lists' + q;
    return null;
  }

  function title(ctx, r, data) {
    if (data && data.found && r.page === 'record') return fullName(data.contact) + ' | HubSpot';
    if (data && data.found && r.page === 'list') return data.list.name + ' | ' + t(ctx, 'segments') + ' | HubSpot';
    if (r.page === 'index') return t(ctx, 'segments') + ' | HubSpot';
    if (r.page === 'contacts') return t(ctx, 'contacts') + ' | HubSpot';
    if (data && data.found && r.page === 'properties') return t(ctx, 'allProperties') + ' | ' + fullName(data.contact) + ' | HubSpot';
    return 'HubSpot';
  }

  return {
    esc: esc, t: t, displayText: displayText, propertyRow: propertyRow, propertyValueDisplay: propertyValueDisplay, section: section, saveBar: saveBar,
    editor: editor, multiTags: multiTags, multiOptions: multiOptions, isMulti: isMulti, splitTokens: splitTokens,
    hooks: hooks, FIXTURE_DATE: FIXTURE_DATE, dateOf: dateOf, variants: Object.keys(HOOKS),
    recordPage: recordPage, listPage: listPage, exportDialog: exportDialog, indexPage: indexPage, notFoundPage: notFoundPage,
    page: page, route: route, dataUrl: dataUrl, title: title
  };
})();
`;
