// UI strings of the fake HubSpot pages. German by default (the company's HubSpot language),
// English with ?hl=en or a user whose language is "en". HubSpot's own labels ("Speichern"/"Save")
// are what the extension's save guard looks for.

export type Lang = 'de' | 'en';

export const STRINGS = {
  de: {
    save: 'Speichern',
    cancel: 'Abbrechen',
    edit: 'Bearbeiten',
    next: 'Nächster Kontakt',
    prev: 'Vorheriger Kontakt',
    aboutContact: 'Info zu diesem Kontakt',
    overview: 'Übersicht',
    activities: 'Aktivitäten',
    noActivities: 'Keine Aktivitäten in den letzten 30 Tagen.',
    companies: 'Unternehmen',
    deals: 'Deals',
    noAssociations: 'Keine verknüpften Datensätze.',
    contacts: 'Kontakte',
    segments: 'Segmente',
    allSegments: 'Alle Segmente',
    records: 'Datensätze',
    filters: 'Filter',
    name: 'Name',
    type: 'Typ',
    object: 'Objekt',
    size: 'Größe',
    DYNAMIC: 'Aktives Segment',
    MANUAL: 'Statisches Segment',
    SNAPSHOT: 'Statisches Segment (Snapshot)',
    objectContacts: 'Kontakte',
    objectCompanies: 'Unternehmen',
    recordNotFound: 'Dieser Datensatz existiert nicht oder wurde gelöscht.',
    listNotFound: 'Dieses Segment existiert nicht.',
    portalNotFound: 'Dieser Account existiert nicht.',
    pageNotFound: 'Seite nicht gefunden.',
    loading: 'Wird geladen …',
    loadError: 'Daten konnten nicht geladen werden.',
    membersShown: 'Erste {n} von {total} Datensätzen',
    noFilters: 'Dieses Segment hat keine Filter.',
    search: 'Suchen',
  },
  en: {
    save: 'Save',
    cancel: 'Cancel',
    edit: 'Edit',
    next: 'Next contact',
    prev: 'Previous contact',
    aboutContact: 'About this contact',
    overview: 'Overview',
    activities: 'Activities',
    noActivities: 'No activities in the last 30 days.',
    companies: 'Companies',
    deals: 'Deals',
    noAssociations: 'No associated records.',
    contacts: 'Contacts',
    segments: 'Segments',
    allSegments: 'All segments',
    records: 'Records',
    filters: 'Filters',
    name: 'Name',
    type: 'Type',
    object: 'Object',
    size: 'Size',
    DYNAMIC: 'Active segment',
    MANUAL: 'Static segment',
    SNAPSHOT: 'Static segment (snapshot)',
    objectContacts: 'Contacts',
    objectCompanies: 'Companies',
    recordNotFound: 'This record does not exist or was deleted.',
    listNotFound: 'This segment does not exist.',
    portalNotFound: 'This account does not exist.',
    pageNotFound: 'Page not found.',
    loading: 'Loading …',
    loadError: 'Could not load the data.',
    membersShown: 'First {n} of {total} records',
    noFilters: 'This segment has no filters.',
    search: 'Search',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** HubSpot shows its own properties' and groups' labels in the user's language. */
export const HUBSPOT_LABELS_DE: Record<string, string> = {
  hs_object_id: 'Datensatz-ID',
  createdate: 'Erstellungsdatum',
  lastmodifieddate: 'Zuletzt geändert',
  firstname: 'Vorname',
  lastname: 'Nachname',
  email: 'E-Mail',
  country: 'Land/Region',
  city: 'Ort',
  'group:contactinformation': 'Kontaktinformationen',
};

export function pickLang(hl: string | null | undefined, userLanguage: string | undefined): Lang {
  if (hl === 'en' || hl === 'de') return hl;
  if (hl && hl.toLowerCase().startsWith('en')) return 'en';
  if (hl && hl.toLowerCase().startsWith('de')) return 'de';
  return userLanguage === 'en' ? 'en' : 'de';
}
