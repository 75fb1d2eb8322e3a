// Shapes of audit results, shared by the list panel, the options page and the CLI (docs/contract.md §2).

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
}

export interface PortalAudit {
  lists: ListAudit[];
  contactsMissingReason: string[];
  requests: number;
}

/** Progress of long work, for progress bars (list panel, options page, CLI on a terminal). */
export interface Progress {
  done: number;
  total: number | null;
  /** Short German or English phrase of the current step. */
  label: string;
}
