// Seed data of the fake HubSpot: the demo portal (small, hand-written, every case the product must
// handle) and big generated portals for benchmarks. Deterministic: no Math.random, no Date.now.
import type {
  ContactSeed,
  FilterBranch,
  FlowSeed,
  HistoryEntry,
  ListFilter,
  ListSeed,
  PortalSeed,
  PropertyDef,
  PropertyGroup,
  Seed,
  TokenSeed,
  User,
} from './types';

export const DEMO_PORTAL_ID = 12345678;
export const OTHER_PORTAL_ID = 87654321;

export const ALL_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.lists.read',
  'crm.lists.write',
  'crm.schemas.contacts.read',
  'crm.objects.owners.read',
  'automation',
] as const;

export const TOKENS = {
  /** Portal 12345678, every scope. */
  valid: 'pat-eu1-demo-valid',
  /** Portal 87654321, every scope, its own two contacts. */
  otherPortal: 'pat-eu1-other-portal',
  /** Portal 12345678 without crm.objects.contacts.write and crm.lists.write. */
  missingScopes: 'pat-eu1-missing-scopes',
  /** Answers 401 everywhere. */
  revoked: 'pat-eu1-revoked',
  /** Portal 12345678, every scope but automation (workflows answer 403 MISSING_SCOPES). */
  noAutomation: 'pat-eu1-no-automation',
  /** Portal 12345678, every scope but crm.schemas.contacts.read (not needed). */
  noSchemas: 'pat-eu1-no-schemas',
} as const;

export const APP_IDS = { demo: 4711001, other: 4711002, readOnly: 4711003, revoked: 4711004, noAutomation: 4711005 } as const;

export const USERS = {
  mara: { id: 12345, firstName: 'Mara', lastName: 'Keller', email: 'mara.keller@example.de', language: 'de' },
  jonas: { id: 23456, firstName: 'Jonas', lastName: 'Brandt', email: 'jonas.brandt@example.de', language: 'de' },
  aylin: { id: 34567, firstName: 'Aylin', lastName: 'Demir', email: 'aylin.demir@example.de', language: 'en' },
  petra: { id: 99001, firstName: 'Petra', lastName: 'Sommer', email: 'petra.sommer@example.at', language: 'de' },
  /** Has left the company (an archived owner). */
  kai: { id: 45678, firstName: 'Kai', lastName: 'Lorenz', email: 'kai.lorenz@example.de', language: 'de', archived: true },
} as const satisfies Record<string, User>;

export function demoTokens(): TokenSeed[] {
  return [
    { token: TOKENS.valid, portalId: DEMO_PORTAL_ID, scopes: [...ALL_SCOPES], userId: USERS.mara.id, appId: APP_IDS.demo },
    { token: TOKENS.otherPortal, portalId: OTHER_PORTAL_ID, scopes: [...ALL_SCOPES], userId: USERS.petra.id, appId: APP_IDS.other },
    {
      token: TOKENS.missingScopes,
      portalId: DEMO_PORTAL_ID,
      scopes: ALL_SCOPES.filter((s) => s !== 'crm.objects.contacts.write' && s !== 'crm.lists.write'),
      userId: USERS.mara.id,
      appId: APP_IDS.readOnly,
    },
    { token: TOKENS.revoked, portalId: DEMO_PORTAL_ID, scopes: [...ALL_SCOPES], userId: USERS.mara.id, appId: APP_IDS.revoked, revoked: true },
    {
      token: TOKENS.noAutomation,
      portalId: DEMO_PORTAL_ID,
      scopes: ALL_SCOPES.filter((s) => s !== 'automation'),
      userId: USERS.mara.id,
      appId: APP_IDS.noAutomation,
    },
    { token: TOKENS.noSchemas, portalId: DEMO_PORTAL_ID, scopes: ALL_SCOPES.filter((s) => s !== 'crm.schemas.contacts.read'), userId: USERS.mara.id, appId: APP_IDS.demo },
  ];
}

// ---------------------------------------------------------------------------------------------
// Properties

/** Brands = options of post_sperre_marken. `marke_alt` is NOT an option any more but sits on contact 105. */
export const BRANDS = [
  { value: 'marke_a', label: 'Marke A', hidden: false },
  { value: 'marke_b', label: 'Marke B', hidden: false },
  { value: 'marke_c', label: 'Marke C', hidden: false },
  { value: 'kunstmeile_nord', label: 'Kunstmeile Nord', hidden: false },
  { value: 'kunstmeile_sued', label: 'Kunstmeile Süd', hidden: false },
  { value: 'kunstmeile_ost', label: 'Kunstmeile Ost', hidden: false },
  { value: 'atelier_co', label: '<b>Atelier & Co</b>', hidden: false },
  { value: 'galerie_west', label: 'Galerie West', hidden: false },
  { value: 'verlag_rhein', label: 'Verlag am Rhein', hidden: true },
] as const;

/** A value found on a contact that is no (longer an) option of the property. */
export const STALE_BRAND_VALUE = 'marke_alt';

/** Brand families for the extension's settings (a family is a shortcut for picking each of its brands). */
export const DEMO_FAMILIES = [{ name: 'Kunstmeile', brands: ['kunstmeile_nord', 'kunstmeile_sued', 'kunstmeile_ost'] }];

export const PROPERTY_GROUPS: PropertyGroup[] = [
  { name: 'contactinformation', label: 'Contact information', displayOrder: 0 },
  { name: 'dsgvo_sperren', label: 'DSGVO Sperren', displayOrder: 1 },
];

const PROPERTY_TIME = '2024-05-02T08:00:00.000Z';

function prop(p: Omit<PropertyDef, 'options'> & { options?: PropertyDef['options'] }): PropertyDef {
  return { options: [], createdAt: PROPERTY_TIME, updatedAt: PROPERTY_TIME, ...p };
}

export function contactProperties(): PropertyDef[] {
  return [
    prop({ name: 'hs_object_id', label: 'Record ID', type: 'number', fieldType: 'number', groupName: 'contactinformation', hubspotDefined: true, readOnlyValue: true, displayOrder: -1 }),
    prop({ name: 'createdate', label: 'Create Date', type: 'datetime', fieldType: 'date', groupName: 'contactinformation', hubspotDefined: true, readOnlyValue: true, displayOrder: -1 }),
    prop({ name: 'lastmodifieddate', label: 'Last Modified Date', type: 'datetime', fieldType: 'date', groupName: 'contactinformation', hubspotDefined: true, readOnlyValue: true, displayOrder: -1 }),
    prop({ name: 'firstname', label: 'First Name', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 0 }),
    prop({ name: 'lastname', label: 'Last Name', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 1 }),
    prop({ name: 'email', label: 'Email', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 2 }),
    prop({ name: 'country', label: 'Country/Region', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 3 }),
    prop({ name: 'city', label: 'City', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 4 }),
    // HubSpot's default address properties (docs/export.md "Columns": names as HubSpot's default
    // contact properties list them).
    prop({ name: 'salutation', label: 'Salutation', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 5 }),
    prop({ name: 'company', label: 'Company Name', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 6 }),
    prop({ name: 'address', label: 'Street Address', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 7 }),
    prop({ name: 'zip', label: 'Postal Code', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 8 }),
    prop({ name: 'state', label: 'State/Region', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, displayOrder: 9 }),
    prop({
      name: 'post_sperre_marken',
      label: 'Post Sperre Marken',
      type: 'enumeration',
      fieldType: 'checkbox',
      groupName: 'dsgvo_sperren',
      description: 'Marken, deren Werbepost der Kontakt widersprochen hat (DSGVO Art. 21).',
      displayOrder: 0,
      options: BRANDS.map((b, i) => ({ label: b.label, value: b.value, displayOrder: i, hidden: b.hidden })),
    }),
    prop({
      name: 'grund_post_sperre',
      label: 'Grund Post Sperre',
      type: 'string',
      fieldType: 'textarea',
      groupName: 'dsgvo_sperren',
      description: 'Woher die Sperre kommt (Pflicht laut Prozess).',
      displayOrder: 1,
    }),
    prop({
      name: 'postsendungen_jahresprogramm',
      label: 'An- und Abmelden Postsendungen',
      type: 'enumeration',
      fieldType: 'booleancheckbox',
      groupName: 'dsgvo_sperren',
      description: 'Jahresprogramm per Post (kein Widerspruch, nur eine Verteilerliste).',
      displayOrder: 2,
      options: [
        { label: 'Ja', value: 'true', displayOrder: 0, hidden: false },
        { label: 'Nein', value: 'false', displayOrder: 1, hidden: false },
      ],
    }),
    prop({ name: 'dsgvo_auskunft_datum', label: 'DSGVO Auskunft erteilt am', type: 'date', fieldType: 'date', groupName: 'dsgvo_sperren', displayOrder: 3 }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Filter helpers (Lists v3 grammar)

export function propFilter(property: string, operationType: string, operator: string, values: string[], includeObjectsWithNoValueSet = false): ListFilter {
  return { filterType: 'PROPERTY', property, operation: { operationType, operator, values, includeObjectsWithNoValueSet } };
}
export function notBlockedFor(brands: string[]): ListFilter {
  return propFilter('post_sperre_marken', 'ENUMERATION', 'IS_NONE_OF', brands, true);
}
export function countryIs(country: string): ListFilter {
  return propFilter('country', 'MULTISTRING', 'IS_EQUAL_TO', [country]);
}
export function and(filters: ListFilter[], filterBranches: FilterBranch[] = []): FilterBranch {
  return { filterBranchType: 'AND', filterBranchOperator: 'AND', filters, filterBranches };
}
export function or(...branches: FilterBranch[]): FilterBranch {
  return { filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: branches };
}

// ---------------------------------------------------------------------------------------------
// Demo portal

const by = (user: User, value: string, timestamp: string): HistoryEntry => ({
  value,
  timestamp,
  sourceType: 'CRM_UI',
  sourceId: `userId:${user.id}`,
  updatedByUserId: user.id,
});

interface DemoContact {
  id: string;
  first: string;
  last: string;
  email?: string | null;
  country: string;
  city: string;
  created: string;
  blocks?: string;
  reason?: string | null;
  blockHistory?: HistoryEntry[];
  reasonHistory?: HistoryEntry[];
  jahresprogramm?: 'true' | 'false';
}

function demoContact(d: DemoContact): ContactSeed {
  const properties: Record<string, string | null> = {
    firstname: d.first,
    lastname: d.last,
    email: d.email === undefined ? `${ascii(d.first)}.${ascii(d.last)}@example.de` : d.email,
    country: d.country,
    city: d.city,
    address: `Hauptstraße ${Number(d.id) - 100}`,
    zip: String(10000 + Number(d.id)),
  };
  if (d.blocks !== undefined) properties.post_sperre_marken = d.blocks;
  if (d.reason !== undefined) properties.grund_post_sperre = d.reason;
  if (d.jahresprogramm) properties.postsendungen_jahresprogramm = d.jahresprogramm;
  const history: Record<string, HistoryEntry[]> = {};
  if (d.blockHistory) history.post_sperre_marken = d.blockHistory;
  if (d.reasonHistory) history.grund_post_sperre = d.reasonHistory;
  return { id: d.id, createdAt: d.created, properties, history };
}

function ascii(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

/** The extension's log line for contact 131's block (its own format, docs/domain.md). */
export const LEDGER_DEMO_LINE = '[2026-09-01 12:00 +02:00] Gesperrt: Marke A, Marke C, Galerie West; Grund: Widerspruch per Brief vom 29.08.2026 (Mara Keller)';

const M = USERS.mara;
const J = USERS.jonas;
const A = USERS.aylin;

/** Roles of the demo contacts, for tests and the demo script. */
export const DEMO_CONTACTS = {
  /** Blocked for marke_a;marke_c, reason log with two entries, history by two users. */
  blockedWithReason: '101',
  /** No block at all. */
  unblocked: '102',
  /** Blocked for every Kunstmeile brand (the family). */
  kunstmeileFamily: '103',
  /** Blocked for marke_a by an import, reason empty (null). */
  blockedNoReason: '104',
  /** Carries marke_alt, which is no longer an option, besides marke_b. */
  staleOption: '105',
  /** Was blocked for marke_b, block lifted (value ""), history shows both. */
  liftedBlock: '106',
  /** Blocked for atelier_co (label with HTML), reason text with HTML. */
  htmlLabel: '107',
  /** Blocked for the hidden option verlag_rhein. */
  hiddenOption: '108',
  /** Blocked for kunstmeile_nord; member of MANUAL list 1004. */
  kunstmeileNordInList: '109',
  /** Blocked for kunstmeile_sued; member of MANUAL list 1004. */
  kunstmeileSuedInList: '110',
  /** Blocked for marke_a;marke_b;galerie_west, lives in Switzerland: leaks through list 1002 branch 1. */
  leaksThroughBranch: '111',
  /** Blocked for marke_a with a whitespace-only reason. */
  blankReason: '112',
  /** Contact without email. */
  noEmail: '128',
  /** Blocked for marke_a;marke_c;galerie_west through the extension (with its log line); an import
   *  (IMPORT, no reason) left galerie_west only: the ledger finds two blocks lifted without a reason. */
  liftedByImport: '131',
} as const;

export const DEMO_LISTS = {
  /** DYNAMIC, "Herbstkatalog Marke A": both OR branches exclude marke_a (IS_NONE_OF + no value). Compliant. */
  compliantDynamic: '1001',
  /** DYNAMIC, "Frühjahrsmailing Marke A": branch 0 excludes marke_a, branch 1 (Schweiz) does not. Leaks 111. */
  leakingDynamic: '1002',
  /** DYNAMIC, "Sommerfest Marke B": IS_ANY_OF marke_b, i.e. exactly the blocked contacts (look-alike). */
  lookAlikeDynamic: '1003',
  /** MANUAL, "Jahresprogramm Kunstmeile": 7 members, 109 and 110 blocked for a Kunstmeile brand. */
  manualKunstmeile: '1004',
  /** SNAPSHOT, "Messe-Einladung Marke C": members fixed at creation, none blocked for marke_c. */
  snapshot: '1005',
  /** MANUAL list of companies (objectTypeId 0-2), "Firmenkunden Marke A". */
  companies: '1006',
  /** MANUAL, "Vernissage Galerie West": no member blocked for galerie_west. */
  compliantManual: '1007',
  /** DYNAMIC, "Winterkatalog Marke B": excludes marke_b with a NOT_ANY branch and NOT_IN_LIST 1009. */
  notAnyDynamic: '1008',
  /** MANUAL, "Sperrliste Post (manuell)": a suppression list, no brand in its name. */
  suppression: '1009',
  /** DYNAMIC, "Alle Kontakte Schweiz": no brand in the name, no exclusion (leaks for every brand). */
  noBrandDynamic: '1010',
} as const;

/** The demo portal's workflows (automation v4). */
export const DEMO_FLOWS = {
  /** LIST_BASED "Katalogversand Marke A": branch 0 excludes marke_a, branch 1 (Schweiz) does not; adds to list 1004. */
  leaking: '7001',
  /** LIST_BASED "Herbstkatalog-Nachfass Marke A": both branches and the re-enrolment trigger exclude marke_a. */
  compliant: '7002',
  /** EVENT_BASED "Willkommens-E-Mails": a form submission enrols; no list action (an e-mail workflow). */
  eventBased: '7003',
  /** LIST_BASED "Sommer-Mailing Marke B": no exclusion, but suppression list 1003 (active, IS_ANY_OF marke_b). */
  suppressedActive: '7004',
  /** LIST_BASED "Jahresprogramm-Versand Kunstmeile": suppression list 1009 is static: compliant only "today". */
  suppressedStatic: '7005',
  /** LIST_BASED "Katalog-Nachfass Marke A": compliant enrolment, but its re-enrolment trigger leaks marke_a. */
  leakingReEnrollment: '7006',
  /** PLATFORM_FLOW of companies (0-2): not a contact workflow. */
  companies: '7007',
  /** EVENT_BASED "Sperre aus Messeformular übernehmen" (off, no postal list): a list branch whose
   *  "Edit record" actions set the block to marke_b (2) and clear the reason (3); the default
   *  branch copies the property messe_sperre into the block (4). Findings whatever the scope. */
  writesBlock: '7008',
  /** LIST_BASED "Katalogversand Marke C (Lettershop)": excludes marke_c, adds to list 1004, then
   *  hands the contact to an app action (1-4711) and a webhook: sends via, no finding. */
  sendsViaApp: '7009',
} as const;

/** The demo portal's list folders: the postal lists sit in "Postmailings". */
export const DEMO_LIST_FOLDERS: Record<string, string> = {
  '1001': 'Postmailings',
  '1002': 'Postmailings',
  '1004': 'Postmailings',
  '1008': 'Postmailings',
  '1003': 'E-Mail',
};

function listAction(actionId: string, listId: string, add = true): Record<string, unknown> {
  return {
    actionId,
    actionTypeId: add ? '0-63809083' : '0-63863438',
    actionTypeVersion: 0,
    type: 'SINGLE_CONNECTION',
    fields: { listId },
  };
}

function contactFlow(id: string, name: string, criteria: Record<string, unknown>, extra: Partial<FlowSeed> = {}): FlowSeed {
  return {
    id,
    name,
    type: 'CONTACT_FLOW',
    objectTypeId: '0-1',
    flowType: 'WORKFLOW',
    isEnabled: true,
    revisionId: '3',
    createdAt: '2025-07-01T08:00:00.000Z',
    canEnrollFromSalesforce: false,
    blockedDates: [],
    customProperties: {},
    timeWindows: [],
    dataSources: [],
    crmObjectCreationStatus: 'COMPLETE',
    nextAvailableActionId: '3',
    startActionId: '1',
    suppressionListIds: [],
    actions: [],
    enrollmentCriteria: criteria,
    ...extra,
  };
}

function listBased(branch: FilterBranch, reEnroll: FilterBranch[] = []): Record<string, unknown> {
  return {
    type: 'LIST_BASED',
    shouldReEnroll: reEnroll.length > 0,
    unEnrollObjectsNotMeetingCriteria: false,
    listFilterBranch: branch,
    reEnrollmentTriggersFilterBranches: reEnroll,
  };
}

export function demoFlows(): FlowSeed[] {
  const formSubmitted: FilterBranch = {
    filterBranchType: 'UNIFIED_EVENTS',
    filterBranchOperator: 'AND',
    eventTypeId: '4-1639801',
    operator: 'HAS_COMPLETED',
    filters: [],
    filterBranches: [],
  };
  return [
    contactFlow(DEMO_FLOWS.leaking, 'Katalogversand Marke A', listBased(or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])]), and([countryIs('Schweiz')]))), {
      actions: [listAction('1', DEMO_LISTS.manualKunstmeile)],
    }),
    contactFlow(
      DEMO_FLOWS.compliant,
      'Herbstkatalog-Nachfass Marke A',
      listBased(or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])]), and([countryIs('Österreich'), notBlockedFor(['marke_a'])])), [
        and([propFilter('city', 'MULTISTRING', 'IS_EQUAL_TO', ['Berlin', 'Hamburg']), notBlockedFor(['marke_a'])]),
      ]),
      { actions: [listAction('1', DEMO_LISTS.manualKunstmeile)] },
    ),
    contactFlow(DEMO_FLOWS.eventBased, 'Willkommens-E-Mails', { type: 'EVENT_BASED', shouldReEnroll: false, eventFilterBranches: [formSubmitted], listMembershipFilterBranches: [] }),
    contactFlow(DEMO_FLOWS.suppressedActive, 'Sommer-Mailing Marke B', listBased(or(and([countryIs('Deutschland')]))), {
      suppressionListIds: [Number(DEMO_LISTS.lookAlikeDynamic)],
    }),
    contactFlow(DEMO_FLOWS.suppressedStatic, 'Jahresprogramm-Versand Kunstmeile', listBased(or(and([countryIs('Schweiz')]))), {
      suppressionListIds: [Number(DEMO_LISTS.suppression)],
      actions: [listAction('1', DEMO_LISTS.manualKunstmeile)],
    }),
    contactFlow(
      DEMO_FLOWS.leakingReEnrollment,
      'Katalog-Nachfass Marke A',
      listBased(or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])])), [and([countryIs('Schweiz')])]),
    ),
    {
      ...contactFlow(DEMO_FLOWS.companies, 'Firmenkunden Marke A', { type: 'MANUAL', shouldReEnroll: false }),
      type: 'PLATFORM_FLOW',
      objectTypeId: '0-2',
    },
    // v4 actions are one flat array; a branch action points at the others by id (docs/hubspot-workflows.md).
    contactFlow(DEMO_FLOWS.writesBlock, 'Sperre aus Messeformular übernehmen', { type: 'EVENT_BASED', shouldReEnroll: false, eventFilterBranches: [formSubmitted], listMembershipFilterBranches: [] }, {
      isEnabled: false,
      nextAvailableActionId: '5',
      actions: [
        {
          actionId: '1',
          type: 'LIST_BRANCH',
          listBranches: [{ branchName: 'Widerspruch Marke B', filterBranch: or(and([countryIs('Deutschland')])), connection: { edgeType: 'STANDARD', nextActionId: '2' } }],
          defaultBranchName: 'Sonst',
          defaultBranch: { edgeType: 'STANDARD', nextActionId: '4' },
        },
        editRecord('2', 'post_sperre_marken', { type: 'STATIC_VALUE', staticValue: 'marke_b' }, '3'),
        editRecord('3', 'grund_post_sperre', { type: 'STATIC_VALUE', staticValue: '' }),
        editRecord('4', 'post_sperre_marken', { type: 'OBJECT_PROPERTY', propertyName: 'messe_sperre' }),
      ],
    }),
    contactFlow(DEMO_FLOWS.sendsViaApp, 'Katalogversand Marke C (Lettershop)', listBased(or(and([countryIs('Deutschland'), notBlockedFor(['marke_c'])]))), {
      nextAvailableActionId: '4',
      actions: [
        { ...listAction('1', DEMO_LISTS.manualKunstmeile), connection: { edgeType: 'STANDARD', nextActionId: '2' } },
        { actionId: '2', actionTypeId: '1-4711', actionTypeVersion: 0, type: 'SINGLE_CONNECTION', fields: { katalog: 'Herbst' }, connection: { edgeType: 'STANDARD', nextActionId: '3' } },
        { actionId: '3', type: 'WEBHOOK', method: 'POST', webhookUrl: 'https://api.lettershop-nord.example/v1/auftraege', queryParams: [] },
      ],
    }),
  ];
}

/** HubSpot's "Edit record" action (v4 actionTypeId 0-5): writes `value` into `property`. */
function editRecord(actionId: string, property: string, value: Record<string, unknown>, next?: string): Record<string, unknown> {
  return {
    actionId,
    actionTypeId: '0-5',
    actionTypeVersion: 0,
    type: 'SINGLE_CONNECTION',
    fields: { property_name: property, value },
    ...(next ? { connection: { edgeType: 'STANDARD', nextActionId: next } } : {}),
  };
}

export function demoContacts(): ContactSeed[] {
  const list: DemoContact[] = [
    {
      id: '101', first: 'Anna', last: 'Schmidt', country: 'Deutschland', city: 'Berlin', created: '2025-03-14T09:12:00.000Z',
      blocks: 'marke_a;marke_c',
      reason: '2025-11-12 JB: +Marke A. Brief vom 10.11.2025\n2026-01-05 MK: +Marke C. Anruf der Kundin, keine Werbepost mehr.',
      blockHistory: [by(M, 'marke_a;marke_c', '2026-01-05T10:00:00.000Z'), by(J, 'marke_a', '2025-11-12T09:30:00.000Z')],
      reasonHistory: [
        by(M, '2025-11-12 JB: +Marke A. Brief vom 10.11.2025\n2026-01-05 MK: +Marke C. Anruf der Kundin, keine Werbepost mehr.', '2026-01-05T10:00:00.000Z'),
        by(J, '2025-11-12 JB: +Marke A. Brief vom 10.11.2025', '2025-11-12T09:30:00.000Z'),
      ],
      jahresprogramm: 'true',
    },
    { id: '102', first: 'Bernd', last: 'Müller', country: 'Deutschland', city: 'Hamburg', created: '2025-03-15T10:00:00.000Z', jahresprogramm: 'true' },
    {
      id: '103', first: 'Clara', last: 'Weber', country: 'Österreich', city: 'Wien', created: '2025-04-01T08:00:00.000Z',
      blocks: 'kunstmeile_nord;kunstmeile_sued;kunstmeile_ost',
      reason: '2025-09-01 JB: +Kunstmeile Nord, +Kunstmeile Süd, +Kunstmeile Ost. E-Mail vom 30.08.2025',
      blockHistory: [by(J, 'kunstmeile_nord;kunstmeile_sued;kunstmeile_ost', '2025-09-01T12:00:00.000Z')],
      reasonHistory: [by(J, '2025-09-01 JB: +Kunstmeile Nord, +Kunstmeile Süd, +Kunstmeile Ost. E-Mail vom 30.08.2025', '2025-09-01T12:00:00.000Z')],
    },
    {
      id: '104', first: 'Dieter', last: 'Fischer', country: 'Deutschland', city: 'München', created: '2025-04-03T08:00:00.000Z',
      blocks: 'marke_a', reason: null,
      blockHistory: [{ value: 'marke_a', timestamp: '2025-10-20T06:00:00.000Z', sourceType: 'IMPORT', sourceId: 'import-778' }],
    },
    {
      id: '105', first: 'Eva', last: 'Wagner', country: 'Schweiz', city: 'Zürich', created: '2025-04-10T08:00:00.000Z',
      blocks: 'marke_b;marke_alt',
      reason: '2024-02-01 MK: +Marke Alt. Brief.\n2025-05-05 MK: +Marke B. Telefonat.',
      blockHistory: [by(M, 'marke_b;marke_alt', '2025-05-05T09:00:00.000Z'), by(M, 'marke_alt', '2024-02-01T09:00:00.000Z')],
      reasonHistory: [
        by(M, '2024-02-01 MK: +Marke Alt. Brief.\n2025-05-05 MK: +Marke B. Telefonat.', '2025-05-05T09:00:00.000Z'),
        by(M, '2024-02-01 MK: +Marke Alt. Brief.', '2024-02-01T09:00:00.000Z'),
      ],
    },
    {
      id: '106', first: 'Frank', last: 'Becker', country: 'Deutschland', city: 'Köln', created: '2025-04-12T08:00:00.000Z',
      blocks: '',
      reason: '2025-06-01 JB: +Marke B. Brief.\n2026-02-01 MK: -Marke B. Kunde wünscht wieder Katalog.',
      blockHistory: [by(M, '', '2026-02-01T15:00:00.000Z'), by(J, 'marke_b', '2025-06-01T11:00:00.000Z')],
      reasonHistory: [
        by(M, '2025-06-01 JB: +Marke B. Brief.\n2026-02-01 MK: -Marke B. Kunde wünscht wieder Katalog.', '2026-02-01T15:00:00.000Z'),
        by(J, '2025-06-01 JB: +Marke B. Brief.', '2025-06-01T11:00:00.000Z'),
      ],
    },
    {
      id: '107', first: 'Greta', last: 'Hoffmann', country: 'Deutschland', city: 'Leipzig', created: '2025-04-20T08:00:00.000Z',
      blocks: 'atelier_co',
      reason: `2025-12-01 AD: +<b>Atelier & Co</b>. <script>alert("xss")</script> Brief & Fax "dringend"`,
      blockHistory: [by(A, 'atelier_co', '2025-12-01T10:00:00.000Z')],
      reasonHistory: [by(A, `2025-12-01 AD: +<b>Atelier & Co</b>. <script>alert("xss")</script> Brief & Fax "dringend"`, '2025-12-01T10:00:00.000Z')],
    },
    {
      id: '108', first: 'Hans', last: 'Schäfer', country: 'Deutschland', city: 'Bonn', created: '2025-05-02T08:00:00.000Z',
      blocks: 'verlag_rhein', reason: '2025-07-07 MK: +Verlag am Rhein. Schreiben des Anwalts.',
      blockHistory: [by(M, 'verlag_rhein', '2025-07-07T08:30:00.000Z')],
      reasonHistory: [by(M, '2025-07-07 MK: +Verlag am Rhein. Schreiben des Anwalts.', '2025-07-07T08:30:00.000Z')],
    },
    {
      id: '109', first: 'Ines', last: 'Koch', country: 'Deutschland', city: 'Dresden', created: '2025-05-05T08:00:00.000Z',
      blocks: 'kunstmeile_nord', reason: '2025-08-15 JB: +Kunstmeile Nord. Rückläufer mit Vermerk.',
      blockHistory: [by(J, 'kunstmeile_nord', '2025-08-15T13:00:00.000Z')],
      reasonHistory: [by(J, '2025-08-15 JB: +Kunstmeile Nord. Rückläufer mit Vermerk.', '2025-08-15T13:00:00.000Z')],
    },
    {
      id: '110', first: 'Jan', last: 'Richter', country: 'Österreich', city: 'Graz', created: '2025-05-06T08:00:00.000Z',
      blocks: 'kunstmeile_sued', reason: '2025-08-16 JB: +Kunstmeile Süd. E-Mail.',
      blockHistory: [by(J, 'kunstmeile_sued', '2025-08-16T13:00:00.000Z')],
      reasonHistory: [by(J, '2025-08-16 JB: +Kunstmeile Süd. E-Mail.', '2025-08-16T13:00:00.000Z')],
    },
    {
      id: '111', first: 'Karin', last: 'Klein', country: 'Schweiz', city: 'Basel', created: '2025-05-08T08:00:00.000Z',
      blocks: 'marke_a;marke_b;galerie_west', reason: '2025-10-01 MK: +Marke A, +Marke B, +Galerie West. Brief.',
      blockHistory: [by(M, 'marke_a;marke_b;galerie_west', '2025-10-01T09:00:00.000Z')],
      reasonHistory: [by(M, '2025-10-01 MK: +Marke A, +Marke B, +Galerie West. Brief.', '2025-10-01T09:00:00.000Z')],
    },
    {
      id: '112', first: 'Lukas', last: 'Wolf', country: 'Deutschland', city: 'Stuttgart', created: '2025-05-09T08:00:00.000Z',
      blocks: 'marke_a', reason: '   ',
      blockHistory: [{ value: 'marke_a', timestamp: '2025-10-02T09:00:00.000Z', sourceType: 'WORKFLOW', sourceId: 'workflow:55123' }],
      reasonHistory: [{ value: '   ', timestamp: '2025-10-02T09:00:00.000Z', sourceType: 'WORKFLOW', sourceId: 'workflow:55123' }],
    },
    { id: '113', first: 'Maria', last: 'Schröder', country: 'Deutschland', city: 'Frankfurt am Main', created: '2025-05-10T08:00:00.000Z' },
    { id: '114', first: 'Niklas', last: 'Neumann', country: 'Österreich', city: 'Salzburg', created: '2025-05-11T08:00:00.000Z' },
    { id: '115', first: 'Olga', last: 'Schwarz', country: 'Schweiz', city: 'Bern', created: '2025-05-12T08:00:00.000Z' },
    {
      id: '116', first: 'Paul', last: 'Zimmermann', country: 'Deutschland', city: 'Düsseldorf', created: '2025-05-13T08:00:00.000Z',
      blocks: 'marke_c', reason: '2025-11-30 AD: +Marke C. Online-Formular.',
      blockHistory: [by(A, 'marke_c', '2025-11-30T16:00:00.000Z')],
      reasonHistory: [by(A, '2025-11-30 AD: +Marke C. Online-Formular.', '2025-11-30T16:00:00.000Z')],
    },
    { id: '117', first: 'Quirin', last: 'Braun', country: 'Deutschland', city: 'Nürnberg', created: '2025-05-14T08:00:00.000Z' },
    { id: '118', first: 'Rainer', last: 'Krüger', country: 'Österreich', city: 'Linz', created: '2025-05-15T08:00:00.000Z' },
    {
      id: '119', first: 'Sabine', last: 'Hofmann', country: 'Deutschland', city: 'Hannover', created: '2025-05-16T08:00:00.000Z',
      blocks: 'galerie_west', reason: '2025-09-09 JB: +Galerie West. Brief.',
      blockHistory: [by(J, 'galerie_west', '2025-09-09T10:00:00.000Z')],
      reasonHistory: [by(J, '2025-09-09 JB: +Galerie West. Brief.', '2025-09-09T10:00:00.000Z')],
    },
    { id: '120', first: 'Tobias', last: 'Hartmann', country: 'Schweiz', city: 'Luzern', created: '2025-05-17T08:00:00.000Z' },
    { id: '121', first: 'Ute', last: 'Lange', country: 'Deutschland', city: 'Bremen', created: '2025-05-18T08:00:00.000Z' },
    {
      id: '122', first: 'Viktor', last: 'Schmitt', country: 'Deutschland', city: 'Essen', created: '2025-05-19T08:00:00.000Z',
      blocks: 'marke_b', reason: '2025-10-10 MK: +Marke B. Anruf.',
      blockHistory: [by(M, 'marke_b', '2025-10-10T10:00:00.000Z')],
      reasonHistory: [by(M, '2025-10-10 MK: +Marke B. Anruf.', '2025-10-10T10:00:00.000Z')],
    },
    { id: '123', first: 'Wiebke', last: 'Werner', country: 'Deutschland', city: 'Kiel', created: '2025-05-20T08:00:00.000Z' },
    {
      id: '124', first: 'Xaver', last: 'Krause', country: 'Österreich', city: 'Innsbruck', created: '2025-05-21T08:00:00.000Z',
      blocks: 'marke_a', reason: '2025-12-12 MK: +Marke A. Brief.',
      blockHistory: [by(M, 'marke_a', '2025-12-12T10:00:00.000Z')],
      reasonHistory: [by(M, '2025-12-12 MK: +Marke A. Brief.', '2025-12-12T10:00:00.000Z')],
    },
    { id: '125', first: 'Yvonne', last: 'Meier', country: 'Deutschland', city: 'Mainz', created: '2025-05-22T08:00:00.000Z' },
    { id: '126', first: 'Zoë', last: 'Lehmann', country: 'Schweiz', city: 'Genf', created: '2025-05-23T08:00:00.000Z' },
    { id: '127', first: 'Ömer', last: 'Yılmaz', country: 'Deutschland', city: 'Berlin', created: '2025-05-24T08:00:00.000Z' },
    { id: '128', first: 'Jürgen', last: 'Köhler', email: null, country: 'Deutschland', city: 'Potsdam', created: '2025-05-25T08:00:00.000Z' },
    {
      id: '129', first: 'Leon', last: 'Maier', country: 'Deutschland', city: 'Augsburg', created: '2025-05-26T08:00:00.000Z',
      blocks: 'kunstmeile_ost', reason: '2025-08-20 JB: +Kunstmeile Ost. Brief.',
      blockHistory: [by(J, 'kunstmeile_ost', '2025-08-20T13:00:00.000Z')],
      reasonHistory: [by(J, '2025-08-20 JB: +Kunstmeile Ost. Brief.', '2025-08-20T13:00:00.000Z')],
    },
    { id: '130', first: 'Mia', last: 'Huber', country: 'Österreich', city: 'Wien', created: '2025-05-27T08:00:00.000Z' },
    {
      // In no list and no workflow (Luxembourg, and no brand a brand-only filter asks for).
      id: '131', first: 'Nora', last: 'Keil', country: 'Luxemburg', city: 'Esch-sur-Alzette', created: '2025-05-28T08:00:00.000Z',
      blocks: 'galerie_west', reason: LEDGER_DEMO_LINE,
      blockHistory: [
        { value: 'galerie_west', timestamp: '2026-12-03T09:00:00.000Z', sourceType: 'IMPORT', sourceId: 'import-812', updatedByUserId: A.id },
        { value: 'marke_a;marke_c;galerie_west', timestamp: '2026-09-01T10:00:00.000Z', sourceType: 'INTEGRATION', sourceId: String(APP_IDS.demo) },
      ],
      reasonHistory: [{ value: LEDGER_DEMO_LINE, timestamp: '2026-09-01T10:00:00.000Z', sourceType: 'INTEGRATION', sourceId: String(APP_IDS.demo) }],
    },
  ];
  return list.map(demoContact);
}

export function demoLists(): ListSeed[] {
  const t = '2025-06-01T08:00:00.000Z';
  return [
    {
      listId: DEMO_LISTS.compliantDynamic, name: 'Herbstkatalog Marke A', objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: t, listVersion: 3,
      filterBranch: or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])]), and([countryIs('Österreich'), notBlockedFor(['marke_a'])])),
    },
    {
      listId: DEMO_LISTS.leakingDynamic, name: 'Frühjahrsmailing Marke A', objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: t, listVersion: 2,
      filterBranch: or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])]), and([countryIs('Schweiz')])),
    },
    {
      listId: DEMO_LISTS.lookAlikeDynamic, name: 'Sommerfest Marke B', objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: t,
      filterBranch: or(and([propFilter('post_sperre_marken', 'ENUMERATION', 'IS_ANY_OF', ['marke_b'])])),
    },
    {
      listId: DEMO_LISTS.manualKunstmeile, name: 'Jahresprogramm Kunstmeile', objectTypeId: '0-1', processingType: 'MANUAL', createdAt: t,
      memberIds: [102, 109, 110, 113, 114, 117, 121],
    },
    {
      listId: DEMO_LISTS.snapshot, name: 'Messe-Einladung Marke C', objectTypeId: '0-1', processingType: 'SNAPSHOT', createdAt: t,
      filterBranch: or(and([countryIs('Deutschland'), notBlockedFor(['marke_c'])])),
      memberIds: [102, 104, 106, 107, 108, 109, 112, 113, 117, 119, 121, 122, 123, 125, 127, 128, 129],
    },
    {
      listId: DEMO_LISTS.companies, name: 'Firmenkunden Marke A', objectTypeId: '0-2', processingType: 'MANUAL', createdAt: t,
      memberIds: [5001, 5002, 5003],
    },
    {
      listId: DEMO_LISTS.compliantManual, name: 'Vernissage Galerie West', objectTypeId: '0-1', processingType: 'MANUAL', createdAt: t,
      memberIds: [102, 113, 117, 125],
    },
    {
      listId: DEMO_LISTS.notAnyDynamic, name: 'Winterkatalog Marke B', objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: t,
      filterBranch: or(
        and(
          [countryIs('Deutschland'), { filterType: 'IN_LIST', listId: DEMO_LISTS.suppression, operator: 'NOT_IN_LIST' }],
          [{ filterBranchType: 'NOT_ANY', filterBranchOperator: 'NOT_ANY', filters: [propFilter('post_sperre_marken', 'ENUMERATION', 'IS_ANY_OF', ['marke_b'])], filterBranches: [] }],
        ),
      ),
    },
    {
      listId: DEMO_LISTS.suppression, name: 'Sperrliste Post (manuell)', objectTypeId: '0-1', processingType: 'MANUAL', createdAt: t,
      memberIds: [123, 128],
    },
    {
      listId: DEMO_LISTS.noBrandDynamic, name: 'Alle Kontakte Schweiz', objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: t,
      filterBranch: or(and([countryIs('Schweiz')])),
    },
  ];
}

function portalBase(portalId: number, users: User[], uiUserId: number, otherUserId: number): Omit<PortalSeed, 'contacts' | 'lists'> {
  return {
    portalId,
    uiDomain: 'app-eu1.hubspot.com',
    dataHostingLocation: 'eu1',
    timeZone: 'Europe/Berlin',
    users,
    uiUserId,
    otherUserId,
    propertyGroups: PROPERTY_GROUPS.map((g) => ({ ...g })),
    properties: contactProperties(),
  };
}

export function otherPortalSeed(): PortalSeed {
  return {
    ...portalBase(OTHER_PORTAL_ID, [{ ...USERS.petra }], USERS.petra.id, USERS.petra.id),
    contacts: [
      demoContact({
        id: '201', first: 'Otto', last: 'Normal', country: 'Österreich', city: 'Wien', created: '2025-02-01T08:00:00.000Z',
        blocks: 'marke_a', reason: '2025-03-01 PS: +Marke A. Brief.',
        blockHistory: [by(USERS.petra, 'marke_a', '2025-03-01T08:00:00.000Z')],
        reasonHistory: [by(USERS.petra, '2025-03-01 PS: +Marke A. Brief.', '2025-03-01T08:00:00.000Z')],
      }),
      demoContact({ id: '202', first: 'Erika', last: 'Muster', country: 'Österreich', city: 'Graz', created: '2025-02-02T08:00:00.000Z' }),
    ],
    lists: [{ listId: '2001', name: 'Testliste Marke A', objectTypeId: '0-1', processingType: 'MANUAL', createdAt: '2025-02-03T08:00:00.000Z', memberIds: [201, 202] }],
  };
}

export function demoPortalSeed(): PortalSeed {
  return {
    ...portalBase(DEMO_PORTAL_ID, [{ ...USERS.mara }, { ...USERS.jonas }, { ...USERS.aylin }, { ...USERS.kai }], USERS.mara.id, USERS.jonas.id),
    contacts: demoContacts(),
    lists: demoLists(),
    flows: demoFlows(),
    listFolders: { ...DEMO_LIST_FOLDERS },
    companies: { '5001': 'Kunsthandel Nord GmbH', '5002': 'Galerie am Markt KG', '5003': 'Rahmenwerk AG' },
  };
}

export function demoSeed(): Seed {
  return { name: 'demo', portals: [demoPortalSeed(), otherPortalSeed()], tokens: demoTokens() };
}

// ---------------------------------------------------------------------------------------------
// Big generated portals (benchmarks)

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash2(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.imul(h, 0x27d4eb2f) >>> 0;
}

export interface BigSeedOptions {
  /** Contacts in the demo portal; default 50,000. */
  contacts?: number;
  /** Contacts with at least one block; default 300 (half of them blocked for marke_a). */
  blocked?: number;
  /** Number of lists; default 6 (at least 3: the big static list, a compliant and a leaking active list). */
  lists?: number;
  /** Members of the big static list (list 3001); default 10,000 (capped at contacts). */
  maxListSize?: number;
  /** Members of list 3001 blocked for marke_a; default 30. */
  blockedInList?: number;
  /** PRNG seed; default 42. */
  seed?: number;
  /** Contact workflows (ids from 9001); default 0. Every third leaks for marke_a (a branch without
   *  the exclusion), every fifth has a suppression list; each adds to one of the generated lists. */
  workflows?: number;
  /** Active lists beyond the three fixed ones (ids after the static ones); default 0. */
  activeLists?: number;
}

export const BIG_FIRST_CONTACT_ID = 100001;

const FIRST_NAMES = ['Anna', 'Ben', 'Carla', 'David', 'Elif', 'Felix', 'Gül', 'Hannah', 'Ivan', 'Jana', 'Karl', 'Lea', 'Moritz', 'Nina', 'Oskar', 'Paula', 'Rosa', 'Sven', 'Tina', 'Uwe'];
const LAST_NAMES = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder'];
const PLACES: Array<[string, string]> = [
  ['Deutschland', 'Berlin'], ['Deutschland', 'Hamburg'], ['Deutschland', 'München'], ['Deutschland', 'Köln'],
  ['Deutschland', 'Leipzig'], ['Österreich', 'Wien'], ['Österreich', 'Graz'], ['Schweiz', 'Zürich'], ['Schweiz', 'Basel'],
];

/**
 * A large demo portal for benchmarks: contacts are generated on first access, the big static list's
 * members when first asked for. Ids of the big portal's contacts start at 100001; lists at 3001:
 * 3001 MANUAL "Jahresprogramm Marke A (groß)" with `maxListSize` members of which `blockedInList` are
 * blocked for marke_a; 3002 DYNAMIC compliant for marke_a; 3003 DYNAMIC leaking for marke_a; 3004… MANUAL.
 */
export function bigSeed(opts: BigSeedOptions = {}): Seed {
  const count = Math.max(1, opts.contacts ?? 50_000);
  const blockedCount = Math.min(count, opts.blocked ?? 300);
  const listCount = Math.max(3, opts.lists ?? 6);
  const maxListSize = Math.min(count, opts.maxListSize ?? 10_000);
  const seedNo = opts.seed ?? 42;
  const first = BIG_FIRST_CONTACT_ID;
  const brandValues = BRANDS.filter((b) => !b.hidden).map((b) => b.value);

  // Blocked contacts: a deterministic sample; rank decides the brands (even ranks include marke_a).
  const rnd = prng(seedNo);
  const blockedRank = new Map<number, number>();
  while (blockedRank.size < blockedCount) {
    const id = first + Math.floor(rnd() * count);
    if (!blockedRank.has(id)) blockedRank.set(id, blockedRank.size);
  }
  const brandsOf = (id: number): string[] => {
    const rank = blockedRank.get(id);
    if (rank === undefined) return [];
    const r = prng(hash2(seedNo, id));
    const set = new Set<string>();
    if (rank % 2 === 0) set.add('marke_a');
    const extra = 1 + Math.floor(r() * 2);
    for (let i = 0; i < extra; i++) set.add(brandValues[1 + Math.floor(r() * (brandValues.length - 1))]!);
    return [...set];
  };

  const make = (id: number): ContactSeed => {
    const r = prng(hash2(seedNo + 1, id));
    const firstName = FIRST_NAMES[Math.floor(r() * FIRST_NAMES.length)]!;
    const lastName = LAST_NAMES[Math.floor(r() * LAST_NAMES.length)]!;
    const [country, city] = PLACES[Math.floor(r() * PLACES.length)]!;
    const created = new Date(Date.UTC(2024, 0, 1) + (id - first) * 60_000).toISOString();
    const properties: Record<string, string | null> = {
      firstname: firstName,
      lastname: lastName,
      email: `${ascii(firstName)}.${ascii(lastName)}.${id}@example.de`,
      country,
      city,
      address: `Lindenweg ${1 + (id % 97)}`,
      zip: String(10000 + (id % 89999)),
    };
    const history: Record<string, HistoryEntry[]> = {};
    const brands = brandsOf(id);
    if (brands.length) {
      const when = new Date(Date.UTC(2025, 5, 1) + (id - first) * 1000).toISOString();
      const value = brands.join(';');
      properties.post_sperre_marken = value;
      history.post_sperre_marken = [by(USERS.jonas, value, when)];
      // Every tenth blocked contact lacks a reason (what the audit must find).
      if ((blockedRank.get(id) ?? 0) % 10 !== 9) {
        const reason = `${when.slice(0, 10)} JB: +${brands.join(', +')}. Brief.`;
        properties.grund_post_sperre = reason;
        history.grund_post_sperre = [by(USERS.jonas, reason, when)];
      }
    }
    return { id: String(id), createdAt: created, properties, history };
  };

  const blockedForA = [...blockedRank.entries()].filter(([, rank]) => rank % 2 === 0).map(([id]) => id).sort((a, b) => a - b);
  const inListBlocked = blockedForA.slice(0, Math.min(opts.blockedInList ?? 30, blockedForA.length, maxListSize));

  const bigMembers = (): number[] => {
    const chosen = new Set(inListBlocked);
    // Walk all ids with a stride, skipping blocked contacts, until the list is full.
    const stride = Math.max(1, Math.floor(count / maxListSize));
    for (let i = 0; chosen.size < maxListSize && i < count * 2; i++) {
      const id = first + ((i * stride + Math.floor(i / Math.ceil(count / stride))) % count);
      if (!blockedRank.has(id)) chosen.add(id);
    }
    return [...chosen];
  };

  const t = '2025-06-01T08:00:00.000Z';
  const lists: ListSeed[] = [
    { listId: '3001', name: 'Jahresprogramm Marke A (groß)', objectTypeId: '0-1', processingType: 'MANUAL', createdAt: t, memberIds: bigMembers },
    {
      listId: '3002', name: 'Herbstkatalog Marke A', objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: t,
      filterBranch: or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])]), and([countryIs('Österreich'), notBlockedFor(['marke_a'])])),
    },
    {
      listId: '3003', name: 'Frühjahrsmailing Marke A', objectTypeId: '0-1', processingType: 'DYNAMIC', createdAt: t,
      filterBranch: or(and([countryIs('Deutschland'), notBlockedFor(['marke_a'])]), and([countryIs('Schweiz')])),
    },
  ];
  for (let i = 3; i < listCount; i++) {
    const listId = String(3001 + i);
    const size = Math.max(1, Math.floor(maxListSize / (2 + (i % 4))));
    lists.push({
      listId,
      name: `Mailing ${BRANDS[i % BRANDS.length]!.label.replace(/<[^>]+>/g, '')} ${2020 + i}`,
      objectTypeId: '0-1',
      processingType: 'MANUAL',
      createdAt: t,
      memberIds: () => {
        const r = prng(hash2(seedNo + 7, i));
        const out = new Set<number>();
        while (out.size < size) out.add(first + Math.floor(r() * count));
        return [...out];
      },
    });
  }

  for (let i = 0; i < (opts.activeLists ?? 0); i++) {
    const place = PLACES[i % PLACES.length]![0];
    lists.push({
      listId: String(3001 + listCount + i),
      name: `Katalog ${place} ${BRANDS[i % BRANDS.length]!.label.replace(/<[^>]+>/g, '')} ${i}`,
      objectTypeId: '0-1',
      processingType: 'DYNAMIC',
      createdAt: t,
      filterBranch: i % 2 === 0 ? or(and([countryIs(place), notBlockedFor(['marke_a'])])) : or(and([countryIs(place)]), and([countryIs('Schweiz'), notBlockedFor(['marke_a'])])),
    });
  }

  const flows: FlowSeed[] = [];
  for (let i = 0; i < (opts.workflows ?? 0); i++) {
    const place = PLACES[i % PLACES.length]![0];
    const leaks = i % 3 === 0;
    const branch = leaks ? or(and([countryIs(place)])) : or(and([countryIs(place), notBlockedFor(['marke_a'])]));
    const target = lists[i % lists.length]!.listId;
    flows.push(
      contactFlow(String(9001 + i), `Postversand Marke A ${i}`, listBased(branch, i % 7 === 0 ? [and([countryIs('Schweiz'), notBlockedFor(['marke_a'])])] : []), {
        actions: [listAction('1', target)],
        suppressionListIds: i % 5 === 0 ? [3002] : [],
      }),
    );
  }

  const demo = demoPortalSeed();
  return {
    name: 'big',
    portals: [{ ...demo, contacts: { kind: 'generated', count, firstId: first, make }, lists, flows, listFolders: {} }, otherPortalSeed()],
    tokens: demoTokens(),
  };
}
