// Shapes of audit results, shared by the list panel, the options page and the CLI (docs/contract.md §2).
import type { LedgerAudit } from './ledgerAudit';

/** Example property values of a contact that passes a filter branch while blocked for a brand.
 *  Keys are property names; the block property's value is `;`-joined option values as HubSpot stores it;
 *  null means "no value set". */
export type Witness = Record<string, string | null>;

export interface BranchLeak {
  kind: 'filter-branch';
  /** Index of the leaking child of the filter's root OR branch. */
  branch: number;
  brand: string;
  witness: Witness;
  /** Human words for the branch ("Land ist DE"), in the caller's language. */
  branchSummary?: string;
  /** Human words for the witness ("z. B. ein Kontakt mit Land = DE, gesperrt für Marke A"). */
  witnessSummary?: string;
  /** Machine-readable notes of the analysis (e.g. 'unknown-filter:PAGE_VIEW', 'static-list:456'). */
  reasons?: string[];
}

export interface MemberLeak {
  kind: 'member';
  recordId: string;
  brand: string;
  /** Display name of the contact (first and last name, else e-mail), when known. */
  name?: string;
}

export type Leak = BranchLeak | MemberLeak;

export type ProcessingType = 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT' | (string & {});

/** How the brands of a list were determined (docs/domain.md rule 5). */
export type BrandSource = 'chosen' | 'detected' | 'all' | 'argument';

export interface ListAudit {
  listId: string;
  name: string;
  processingType: ProcessingType;
  objectTypeId: string;
  brands: string[];
  brandSource: BrandSource;
  compliant: boolean;
  leaks: Leak[];
  /** Set when the list was not audited (e.g. not a contact list); then compliant is true and leaks empty. */
  skipped?: 'not-contacts';
  /** Set when this one list could not be audited. */
  error?: { kind: string; message: string };
  /** Every brand (option) of the block property, for choosing the list's brands. */
  availableBrands?: { value: string; label: string }[];
  /** Size of the list as HubSpot reports it. */
  size?: number;
  /** What the last fix could not finish (it audited the list again afterwards). */
  fixNote?: string;
  /** Whether the list is in the postal scope; absent when no scope is configured (all count). */
  inScope?: boolean;
}

/** A way into a contact workflow that lets a contact blocked for `brand` in. */
export interface WorkflowLeak {
  kind: 'enrollment-branch';
  /** Index of the enrolment branch: root OR children of the criteria, then re-enrolment triggers
   *  (event-based: event branches, then list-membership branches). */
  branch: number;
  brand: string;
  witness: Witness;
  /** Which part of the criteria the branch comes from. */
  source: 'enrollment' | 're-enrollment' | 'event' | 'list-membership' | 'manual';
  branchSummary?: string;
  witnessSummary?: string;
  reasons?: string[];
}

/** An action of a workflow that writes the block property or the reason property (issue 14): a
 *  road around the product's rules, whatever the workflow is for. */
export interface WorkflowWriteLeak {
  kind: 'writes-block-property';
  actionId: string;
  /** The property written (the block property or the reason property). */
  property: string;
  /** Its label, when known ("Post Sperre Marken"). */
  propertyLabel?: string;
  actionTypeId: string;
  /** HubSpot's value type (STATIC_VALUE, OBJECT_PROPERTY, FIELD_DATA, …) when the action has one. */
  valueType?: string;
  /** The static value written (absent when it clears). */
  value?: string;
  /** The action empties the property. */
  clears?: true;
  /** The property whose value is copied in. */
  copiedFrom?: string;
  /** The value is appended to what the contact holds. */
  appends?: true;
}

/** Any finding of a workflow. */
export type WorkflowFinding = WorkflowLeak | WorkflowWriteLeak;

/** An app or webhook action of a workflow: where it hands contacts on (information, no finding). */
export interface WorkflowSendsVia {
  actionId: string;
  /** The app action's type id; a webhook's type id when it has one, else "WEBHOOK". */
  actionTypeId: string;
  /** The app's name when the action names it, the webhook's host, else the type id. */
  name: string;
  kind: 'app' | 'webhook';
}

/** A brand covered only because a static suppression list holds every blocked contact today. */
export interface WorkflowWarning {
  kind: 'static-suppression';
  listId: string;
  brand: string;
}

export interface WorkflowAudit {
  flowId: string;
  name: string;
  isEnabled: boolean;
  objectTypeId: string;
  /** LIST_BASED, EVENT_BASED, MANUAL, … */
  enrollmentType: string;
  /** The revision the verdict is about (a fix is written against it). */
  revisionId: string;
  brands: string[];
  brandSource: BrandSource;
  compliant: boolean;
  /** Enrolment leaks, then actions writing the block or reason property. */
  leaks: WorkflowFinding[];
  warnings?: WorkflowWarning[];
  /** App and webhook actions (postal workflows audited in full). */
  sendsVia?: WorkflowSendsVia[];
  suppressionListIds: string[];
  /** Lists the workflow adds contacts to (actions 0-63809083). */
  addsToLists: string[];
  /** Whether the item is in the postal scope (always true without a configured scope). */
  inScope?: boolean;
  /** 'out-of-scope': outside the postal scope, only its actions were read (it writes the block). */
  skipped?: 'not-contacts' | 'out-of-scope';
  error?: { kind: string; message: string };
  availableBrands?: { value: string; label: string }[];
}

/** Items outside the configured postal scope: counted, not audited. */
export interface OutOfScope {
  lists: number;
  workflows: number;
  listIds: string[];
  flowIds: string[];
}

export interface PortalAudit {
  lists: ListAudit[];
  contactsMissingReason: string[];
  requests: number;
  /** Contact workflows audited; absent when the portal or token has no workflows API. */
  workflows?: WorkflowAudit[];
  /** Why workflows were left out (403 missing scope `automation`, 404 no workflows API). */
  workflowsSkipped?: { kind: 'scope' | 'not-found'; message: string };
  /** Present when a postal scope is configured. */
  outOfScope?: OutOfScope;
  /** The ledger section: whole-portal audits only. */
  ledger?: LedgerAudit;
}

/** Progress of long work, for progress bars (list panel, options page, CLI on a terminal). */
export interface Progress {
  done: number;
  total: number | null;
  /** Short German or English phrase of the current step. */
  label: string;
}
