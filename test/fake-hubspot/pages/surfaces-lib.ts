// HubSpot's other edit surfaces in the fake (issue 14), as plain browser JavaScript in a string
// loaded after RENDER_LIB (same rules: pure functions, every piece of data through esc(), no "${").
// docs/hubspot-dom.md says what each hook rests on:
// - the contacts index (`/contacts/{portalId}/objects/0-1/views/all/list`): a table with a
//   checkbox per row, HubSpot's "Preview" button per row (data-selenium-test=
//   "table-preview-click-button", verified) and, with rows selected, the bulk action "Edit"
//   (data-selenium-test="bulk-action-edit", verified);
// - the record preview panel (assumed hook [data-selenium-test="preview-sidebar"], a dialog at the
//   end of <body>): the same property rows as the record sidebar, its own Save/Cancel bar;
// - "View all properties": the modal [data-test-id="all-properties-panel"] (a public extension),
//   one row per property [data-test-id="property-input-{name}"] around the same property block,
//   its own Save; in HubSpot's 2021 UI a page of its own (`/contacts/{portalId}/contact/{id}/properties`),
//   drawn here as the same panel inside the page;
// - the bulk edit dialog (HubSpot's 2021 BulkEditDialog): title "Bulk edit {count} contacts", the
//   property select #bulk-edit-property-select (options data-option-value = property name), the
//   property's input (property-input-{name}), for a multiple checkbox property the radios
//   name="append-or-replace-multi-value-checkbox" (Replace by default), confirm
//   data-selenium-test="base-dialog-confirm-btn" / data-confirm-button="accept", cancel
//   base-dialog-cancel-button.
// The fake's own behaviour hangs on data-fake-* attributes only.

export const SURFACES_LIB = String.raw`
var FakeSurfaces = (function () {
  'use strict';
  var R = FakeRender;
  var esc = R.esc;
  function c(ctx, key) { return ctx.cls[key] || ''; }
  function attr(name, value) { return ' ' + name + '="' + esc(value) + '"'; }
  function t(ctx, key, subs) { return R.t(ctx, key, subs); }
  function recordUrl(ctx, id) { return '/contacts/' + encodeURIComponent(ctx.portalId) + '/record/0-1/' + encodeURIComponent(id) + (ctx.search || ''); }

  function fullName(p) {
    var n = [p.firstname, p.lastname].filter(function (x) { return x; }).join(' ');
    return n || p.email || '';
  }

  /** The preview button HubSpot shows on hovering a row (2021 code: PreviewClickButton). */
  function previewButton(ctx, id) {
    return '<button type="button" data-selenium-test="table-preview-click-button"' + attr('class', c(ctx, 'button')) + attr('data-fake-preview', id) + '>' + esc(t(ctx, 'preview')) + '</button>';
  }

  /** The contacts index: one row per contact, selectable, with the bulk actions above. */
  function contactsPage(ctx, data, view) {
    view = view || {};
    if (!data) return '<div' + attr('class', c(ctx, 'listPage')) + ' data-fake="contacts-index"></div>';
    if (!data.found) return '<div' + attr('class', c(ctx, 'notFound')) + ' data-fake="not-found">' + esc(t(ctx, 'portalNotFound')) + '</div>';
    var selected = view.selected || {};
    var ids = Object.keys(selected).filter(function (k) { return selected[k]; });
    var out = '<div' + attr('class', c(ctx, 'listPage')) + ' data-fake="contacts-index"><h1' + attr('class', c(ctx, 'listName')) + '>' + esc(t(ctx, 'contacts')) + '</h1>';
    out += '<div data-fake="bulk-bar"' + (ids.length ? '' : ' hidden') + '><span>' + esc(t(ctx, 'selectedCount', { n: ids.length })) + '</span> ' +
      '<button type="button" data-selenium-test="bulk-action-edit" data-fake-bulk-edit' + attr('class', c(ctx, 'button')) + '>' + esc(t(ctx, 'edit')) + '</button></div>';
    out += '<table' + attr('class', c(ctx, 'table')) + ' data-fake="contacts"><thead><tr><th></th><th>' + esc(t(ctx, 'name')) + '</th><th>E-Mail</th></tr></thead><tbody>';
    data.contacts.forEach(function (k) {
      var name = fullName(k) || '#' + k.id;
      out += '<tr' + attr('data-fake-record-id', k.id) + '><td><input type="checkbox" data-fake-select' + attr('value', k.id) + attr('aria-label', t(ctx, 'select') + ': ' + name) + (selected[k.id] ? ' checked' : '') + '></td><td>' +
        '<a' + attr('href', recordUrl(ctx, k.id)) + attr('class', c(ctx, 'pagerLink')) + ' data-fake-nav>' + esc(name) + '</a> ' + previewButton(ctx, k.id) + '</td><td>' + esc(k.email || '') + '</td></tr>';
    });
    return out + '</tbody></table></div>';
  }

  /** Every property of the record's sections, in order. */
  function propertiesOf(record) {
    var out = [];
    (record.sections || []).forEach(function (s) { s.properties.forEach(function (p) { out.push(p); }); });
    return out;
  }

  function editOf(view, p, values) {
    if (!view.modes || view.modes[p.name] !== 'edit') return null;
    return { draft: view.drafts && view.drafts[p.name] != null ? view.drafts[p.name] : values[p.name], search: (view.search && view.search[p.name]) || '' };
  }

  function saveBar(ctx, surface) {
    if (!surface.view.editing) return '';
    return '<div' + attr('class', c(ctx, 'saveBar')) + ' data-fake="surface-save-bar">' +
      '<button type="button"' + attr('class', c(ctx, 'button') + ' ' + c(ctx, 'buttonPrimary')) + ' data-fake-surface-action="save">' + esc(t(ctx, 'save')) + '</button>' +
      '<button type="button"' + attr('class', c(ctx, 'button')) + ' data-fake-surface-action="cancel">' + esc(t(ctx, 'cancel')) + '</button>' +
      (surface.saveError ? '<span role="alert"' + attr('class', c(ctx, 'saveError')) + ' data-fake="save-error">' + esc(surface.saveError) + '</span>' : '') + '</div>';
  }

  function closeButton(ctx) {
    return '<button type="button"' + attr('class', c(ctx, 'button')) + attr('aria-label', t(ctx, 'close')) + ' data-fake-surface-close>×</button>';
  }

  /** The record preview panel: the same rows as the record sidebar, its own Save. */
  function previewPanel(ctx, surface) {
    var record = surface.data;
    var values = record.contact.properties;
    var out = '<div data-selenium-test="preview-sidebar" role="dialog"' + attr('aria-label', t(ctx, 'preview') + ': ' + fullName(values)) + attr('class', c(ctx, 'right')) +
      ' data-fake-surface="preview"' + attr('data-fake-contact-id', record.contact.id) + ' style="position:fixed;top:56px;right:0;bottom:0;width:380px;overflow:auto;box-shadow:0 0 12px rgba(0,0,0,.2)">' +
      '<header' + attr('class', c(ctx, 'cardHeader')) + '><h2' + attr('class', c(ctx, 'recordName')) + '>' + esc(fullName(values)) + '</h2>' + closeButton(ctx) + '</header>' +
      '<ul data-selenium-test="profile-properties-list"' + attr('class', c(ctx, 'propertyList')) + '>';
    propertiesOf(record).forEach(function (p) {
      var edit = editOf(surface.view, p, values);
      out += R.propertyRow(ctx, p, values[p.name], edit ? 'edit' : 'display', edit);
    });
    return out + '</ul>' + saveBar(ctx, surface) + '</div>';
  }

  /** "View all properties": one row per property, named property-input-{name}, its own Save. */
  function allPropertiesPanel(ctx, surface, inPage) {
    var record = surface.data;
    var values = record.contact.properties;
    var out = '<div data-test-id="all-properties-panel"' + (inPage ? '' : ' role="dialog" aria-modal="true"') + attr('aria-label', t(ctx, 'allProperties')) + attr('class', c(ctx, 'sideCard')) +
      ' data-fake-surface="all-properties"' + attr('data-fake-contact-id', record.contact.id) +
      (inPage ? '' : ' style="position:fixed;top:70px;left:15%;right:15%;bottom:20px;overflow:auto;background:#fff;padding:16px;box-shadow:0 0 24px rgba(0,0,0,.3)"') + '>' +
      '<header' + attr('class', c(ctx, 'cardHeader')) + '><h2' + attr('class', c(ctx, 'cardTitle')) + '>' + esc(t(ctx, 'allProperties')) + '</h2>' + (inPage ? '' : closeButton(ctx)) + '</header>';
    (record.sections || []).forEach(function (s) {
      out += '<section' + attr('class', c(ctx, 'section')) + '><h3' + attr('class', c(ctx, 'cardTitle')) + '>' + esc(s.title) + '</h3>';
      s.properties.forEach(function (p) {
        var edit = editOf(surface.view, p, values);
        var body = edit ? R.editor(ctx, p, edit) : R.propertyValueDisplay(ctx, p, values[p.name]);
        out += '<div' + attr('data-test-id', 'property-input-' + p.name) + attr('class', c(ctx, 'propertyRow')) + '><div data-test-id="hover-content-wrapper">' + body + '</div></div>';
      });
      out += '</section>';
    });
    return out + saveBar(ctx, surface) + '</div>';
  }

  /** The bulk edit dialog (2021 BulkEditDialog). surface: { count, properties, chosen, open, draft, mode, error } */
  function bulkEditDialog(ctx, surface) {
    var chosen = null;
    surface.properties.forEach(function (p) { if (p.name === surface.chosen) chosen = p; });
    var out = '<div role="dialog" aria-modal="true" aria-labelledby="fake-bulk-edit-title" data-fake-surface="bulk-edit" data-fake="bulk-edit-dialog"' + attr('class', c(ctx, 'sideCard')) +
      ' style="position:fixed;top:90px;left:25%;right:25%;background:#fff;padding:20px;box-shadow:0 0 24px rgba(0,0,0,.3)">' +
      '<h2 id="fake-bulk-edit-title">' + esc(t(ctx, 'bulkEditTitle', { count: surface.count })) + '</h2>' +
      '<label for="bulk-edit-property-select">' + esc(t(ctx, 'propertyToUpdate')) + '</label>' +
      '<div id="bulk-edit-property-select" role="button" tabindex="0" aria-haspopup="listbox"' + attr('aria-expanded', surface.open ? 'true' : 'false') + attr('class', c(ctx, 'search')) + ' data-fake-bulk-select>' +
      esc(chosen ? chosen.label : t(ctx, 'chooseProperty')) + '</div>';
    if (surface.open) {
      out += '<div role="listbox"' + attr('aria-label', t(ctx, 'propertyToUpdate')) + attr('class', c(ctx, 'optionList')) + '>';
      surface.properties.forEach(function (p, i) {
        out += '<div role="option"' + attr('data-option-value', p.name) + attr('aria-selected', i === 0 ? 'true' : 'false') + attr('class', c(ctx, 'option')) + ' tabindex="-1" data-fake-bulk-option>' + esc(p.label) + '</div>';
      });
      out += '</div>';
    }
    if (chosen) {
      var named = attr('data-selenium-test', 'property-input-' + chosen.name);
      if (R.isMulti(chosen)) {
        var picked = R.splitTokens(surface.draft);
        out += '<div role="group"' + attr('aria-label', chosen.label) + named + '>';
        (chosen.options || []).forEach(function (o) {
          out += '<label style="display:block"><input type="checkbox" data-fake-bulk-value' + attr('value', o.value) + (picked.indexOf(o.value) >= 0 ? ' checked' : '') + '> ' + esc(o.label) + '</label>';
        });
        out += '</div><fieldset><legend>' + esc(chosen.label) + '</legend>' +
          '<label><input type="radio" name="append-or-replace-multi-value-checkbox" value="append" data-fake-bulk-mode' + (surface.mode === 'append' ? ' checked' : '') + '> ' + esc(t(ctx, 'appendValues')) + '</label> ' +
          '<label><input type="radio" name="append-or-replace-multi-value-checkbox" value="replace" data-fake-bulk-mode' + (surface.mode !== 'append' ? ' checked' : '') + '> ' + esc(t(ctx, 'replaceValues')) + '</label></fieldset>';
      } else if (chosen.fieldType === 'textarea') {
        out += '<textarea rows="4"' + named + attr('aria-label', chosen.label) + attr('class', c(ctx, 'textInput')) + ' data-fake-bulk-text>\n' + esc(surface.draft || '') + '</textarea>';
      } else {
        out += '<input type="text"' + named + attr('aria-label', chosen.label) + attr('class', c(ctx, 'textInput')) + attr('value', surface.draft || '') + ' data-fake-bulk-text>';
      }
    }
    out += (surface.error ? '<p role="alert" data-fake="bulk-error">' + esc(surface.error) + '</p>' : '') +
      '<footer' + attr('class', c(ctx, 'saveBar')) + '><button type="button" data-selenium-test="base-dialog-confirm-btn" data-confirm-button="accept"' + attr('class', c(ctx, 'button') + ' ' + c(ctx, 'buttonPrimary')) +
      (chosen ? '' : ' disabled') + ' data-fake-bulk-confirm>' + esc(t(ctx, 'update')) + '</button>' +
      '<button type="button" data-selenium-test="base-dialog-cancel-button"' + attr('class', c(ctx, 'button')) + ' data-fake-bulk-cancel>' + esc(t(ctx, 'cancel')) + '</button></footer></div>';
    return out;
  }

  /** Whatever surface is open over the page (none: ''). */
  function overlay(ctx, surface) {
    if (!surface) return '';
    if (surface.kind === 'preview' && surface.data) return previewPanel(ctx, surface);
    if (surface.kind === 'all-properties' && surface.data && !surface.inPage) return allPropertiesPanel(ctx, surface, false);
    if (surface.kind === 'bulk-edit') return bulkEditDialog(ctx, surface);
    return '';
  }

  return { contactsPage: contactsPage, previewPanel: previewPanel, allPropertiesPanel: allPropertiesPanel, bulkEditDialog: bulkEditDialog, overlay: overlay, previewButton: previewButton };
})();
`;
