// Shapes of the fake HubSpot's seed data, in-memory state and control surface.
// The JSON the fake *serves* follows HubSpot's public API reference and @hubspot/api-client 14.0.1's models;
// these types describe what the fake *holds*.

/** One entry of a property's history, as HubSpot returns it in `propertiesWithHistory`. */
export interface HistoryEntry {
  value: string;
  /** ISO date-time. */
  timestamp: string;
  /** CRM_UI, INTEGRATION, IMPORT, WORKFLOW, … */
  sourceType: string;
  sourceId?: string;
  updatedByUserId?: number;
}

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

/** A contact property definition, shaped like GET /crm/v3/properties/contacts/{name}. */
export interface PropertyDef {
  name: string;
  label: string;
  /** enumeration, string, number, date, datetime, bool */
  type: string;
  /** checkbox, select, radio, booleancheckbox, text, textarea, number, date, calculation_equation, … */
  fieldType: string;
  groupName: string;
  description?: string;
  options: PropertyOption[];
  displayOrder?: number;
  hidden?: boolean;
  /** HubSpot-defined properties (firstname, email, hs_object_id, …). */
  hubspotDefined?: boolean;
  /** Values cannot be written (hs_object_id, createdate, lastmodifieddate). */
  readOnlyValue?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
}

export interface User {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  /** UI language of this user in the fake pages (HubSpot's per-user language setting). */
  language?: 'de' | 'en';
  /** Left the company: HubSpot lists such owners only with `archived=true` (userId null). */
  archived?: boolean;
}

export interface ContactSeed {
  id: string;
  /** ISO date-time. */
  createdAt: string;
  /** Current values; null or absent = no value. hs_object_id/createdate/lastmodifieddate are derived. */
  properties: Record<string, string | null>;
  /** Property history, NEWEST FIRST. Properties with a value but no history get one entry at createdAt. */
  history?: Record<string, HistoryEntry[]>;
  /** ISO date-time of the last change; default: newest history timestamp or createdAt. */
  updatedAt?: string;
}

/** Lazily generated contacts for large portals: ids firstId, firstId+1, …, firstId+count-1. */
export interface GeneratedContacts {
  kind: 'generated';
  count: number;
  firstId: number;
  /** Must be deterministic: called again after reset() and for every id that is touched. */
  make(id: number): ContactSeed;
}

export interface ListSeed {
  listId: string;
  name: string;
  /** "0-1" contacts, "0-2" companies, … */
  objectTypeId: string;
  processingType: 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT';
  createdAt: string;
  updatedAt?: string;
  filtersUpdatedAt?: string;
  listVersion?: number;
  /** DYNAMIC: decides membership. SNAPSHOT: the filters it was created from (membership is static). */
  filterBranch?: FilterBranch;
  /** MANUAL/SNAPSHOT members (record ids); a function is called lazily (large generated lists). */
  memberIds?: number[] | (() => number[]);
  createdById?: string;
}

export interface TokenSeed {
  token: string;
  portalId: number;
  scopes: string[];
  /** The user the private app belongs to (access-token-info). */
  userId: number;
  appId: number;
  /** A revoked token answers 401 like an unknown one. */
  revoked?: boolean;
}

export interface PortalSeed {
  portalId: number;
  uiDomain: string;
  dataHostingLocation: string;
  timeZone: string;
  users: User[];
  /** The person "logged in" to the fake pages of this portal. */
  uiUserId: number;
  /** Another user, used by POST /__fake/contacts/{id} ("someone else changed it"). */
  otherUserId: number;
  propertyGroups: PropertyGroup[];
  properties: PropertyDef[];
  contacts: ContactSeed[] | GeneratedContacts;
  lists: ListSeed[];
  /** Company records (for 0-2 lists): id → name. */
  companies?: Record<string, string>;
  /** Workflows (automation v4), as GET /automation/v4/flows/{flowId} returns them. */
  flows?: FlowSeed[];
  /** List folders: list id → folder name (served as additionalProperties.hs_folder_name). */
  listFolders?: Record<string, string>;
}

/** A workflow as the automation v4 API returns it (ApiContactFlow / ApiPlatformFlow); loosely typed:
 *  the fake stores and serves what it was given, plus id, revisionId and timestamps. */
export interface FlowSeed {
  id: string;
  name: string;
  /** CONTACT_FLOW (objectTypeId 0-1) or PLATFORM_FLOW. */
  type: string;
  objectTypeId: string;
  isEnabled: boolean;
  flowType?: string;
  /** A string in the spec; the fake counts up from it on every accepted PUT. */
  revisionId: string;
  createdAt?: string;
  updatedAt?: string;
  enrollmentCriteria?: Record<string, unknown>;
  /** int32 list ids in the spec. */
  suppressionListIds?: number[];
  actions?: Record<string, unknown>[];
  [extra: string]: unknown;
}

export interface Seed {
  name: string;
  portals: PortalSeed[];
  tokens: TokenSeed[];
}

// ---- filter grammar (Lists v3), loosely typed: unknown fields and types can appear ----

export interface FilterBranch {
  filterBranchType: string;
  filterBranchOperator?: string;
  filters?: ListFilter[];
  filterBranches?: FilterBranch[];
  [extra: string]: unknown;
}

export interface ListFilter {
  filterType: string;
  property?: string;
  operation?: {
    operationType: string;
    operator: string;
    values?: unknown[];
    value?: unknown;
    includeObjectsWithNoValueSet?: boolean;
    [extra: string]: unknown;
  };
  listId?: string;
  operator?: string;
  shouldAccept?: boolean;
  [extra: string]: unknown;
}

// ---- control surface ----

export interface RequestLogEntry {
  method: string;
  host: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON, the raw text when it is not JSON, or undefined without a body. */
  body: unknown;
  status: number;
  /** ISO date-time the request arrived. */
  at: string;
  /** Last 4 characters of the bearer token (or of tokenKey for access-token-info). */
  token?: string;
  /** What served it: an API call, a page, the pages' internal data endpoints, or something else. */
  kind: 'api' | 'page' | 'ui' | 'other';
  durationMs: number;
}

export interface FaultSpec {
  match?: {
    method?: string;
    /** Matches the request path as sent, or its /crm/v3 equivalent for date-versioned paths. */
    pathPrefix?: string;
    host?: string;
  };
  /** Answer with this status (HubSpot-shaped JSON error body unless `body` is given). */
  status?: number;
  /** Wait this long before answering (the request is then served normally unless other effects apply). */
  delayMs?: number;
  /** Answer 200 with a truncated JSON body. */
  malformed?: boolean;
  /** Answer 429 with this policy. */
  rateLimit?: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';
  /** Raw body to send with `status` (string as is, anything else as JSON). */
  body?: unknown;
  /** How many matching requests it affects; default Infinity. */
  times?: number;
  /** Let this many matching requests pass untouched first (fail the second chunk of a write, say). */
  skip?: number;
  /** Serve the request first (its writes land), then answer with this fault (`status`, `rateLimit`,
   *  `drop`): a write that took effect although the client saw it fail. */
  after?: boolean;
  /** Close the connection without an answer: the client sees a network error. */
  drop?: boolean;
  /** Someone else's edit of the contact named in the path, applied just before the request is
   *  served: a write that lands between a client's read and its write. */
  interleave?: OtherWrite;
  /** The contact `interleave` edits when the path names none (a batch request). */
  interleaveContact?: string;
}

/** Someone else's edit of a contact (HubSpot's UI or another integration), applied as one write. */
export interface OtherWrite {
  /** Values set as they are. */
  properties?: Record<string, string>;
  /** Option values added to a multi-checkbox property's current value. */
  addTokens?: Record<string, string[]>;
  /** Option values removed from a multi-checkbox property's current value. */
  removeTokens?: Record<string, string[]>;
  /** A line appended to a text property's current value (the earlier text kept). */
  appendLines?: Record<string, string>;
  /** HubSpot user id recorded in the history; default the portal's other user. */
  userId?: number;
  /** Recorded source; default CRM_UI. */
  sourceType?: string;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  /** Remaining uses (Infinity when unlimited). */
  remaining: number;
  /** Requests it has affected so far. */
  hits: number;
}

export interface FaultControl {
  add(spec: FaultSpec): ActiveFault;
  remove(id: number): boolean;
  clear(): void;
  list(): ActiveFault[];
}

export interface RateLimitOptions {
  /** Requests per rolling 10 s window and token; default 100. */
  perTenSeconds?: number;
  /** Search requests per second and portal; default 5. */
  searchPerSecond?: number;
  /** Daily budget reported in headers; default 250000. */
  daily?: number;
}

export interface StartOptions {
  /** HTTPS port (0 = random). */
  port?: number;
  /** Plain HTTP port sharing the same state (0 = random). */
  httpPort?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  seed?: Seed;
  rateLimit?: RateLimitOptions | false;
  quiet?: boolean;
}
