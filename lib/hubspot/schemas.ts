// zod schemas for what the product relies on in HubSpot's answers (shapes of HubSpot's API reference).
// Permissive where HubSpot may add things (loose objects keep unknown fields, so a filterBranch read
// here can be written back unchanged); strict where our logic depends on a type.
// Timestamps arrive as ISO strings from request() and as Date objects from the SDK's generated
// classes: both (and epoch numbers) come out as ISO strings.
import { z } from 'zod';
import type { FilterBranch } from '../audit/filter-types';

/** ISO string | Date | epoch ms → ISO string. Strings are kept as HubSpot wrote them. */
export const Timestamp = z.union([
  z.string(),
  z.date().transform((d) => d.toISOString()),
  z
    .number()
    .refine((n) => Number.isFinite(new Date(n).getTime()), 'invalid epoch')
    .transform((n) => new Date(n).toISOString()),
]);

/** Ids are strings in v3; tolerate numbers. */
export const Id = z.union([z.string().min(1), z.number().int().transform(String)]);

const Count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

// ---- account and token ---------------------------------------------------------------------

export const AccountDetailsSchema = z.looseObject({
  /** A number in HubSpot's answer; a string here, as in page URLs. */
  portalId: Id,
  uiDomain: z.string().optional(),
  dataHostingLocation: z.string().optional(),
  accountType: z.string().optional(),
  timeZone: z.string().optional(),
});
export type AccountDetails = z.output<typeof AccountDetailsSchema>;

export const TokenInfoSchema = z.looseObject({
  scopes: z.array(z.string()),
  hubId: Id.optional(),
  userId: Id.optional(),
  appId: Id.optional(),
});
export type TokenInfo = z.output<typeof TokenInfoSchema>;

// ---- properties ----------------------------------------------------------------------------

export const PropertyOptionSchema = z.looseObject({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().optional(),
  hidden: z.boolean().default(false),
  description: z.string().optional(),
});
export type PropertyOption = z.output<typeof PropertyOptionSchema>;

export const PropertyDefinitionSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  options: z.array(PropertyOptionSchema).default([]),
  groupName: z.string().optional(),
  description: z.string().optional(),
  hidden: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type PropertyDefinition = z.output<typeof PropertyDefinitionSchema>;

/** GET /crm/v3/owners: who a HubSpot user id is (property history names users by id). */
export const OwnersPageSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      userId: z.number().nullable().optional(),
      /** Also set for users who left (their userId may be null then). */
      userIdIncludingInactive: z.number().nullable().optional(),
      firstName: z.string().nullable().optional(),
      lastName: z.string().nullable().optional(),
      email: z.string().nullable().optional(),
    }),
  ),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});

/** GET /crm/v3/properties/contacts: only names and labels are relied on (for audit summaries). */
export const PropertyLabelsSchema = z.looseObject({
  results: z.array(z.looseObject({ name: z.string(), label: z.string() })),
});

// ---- contacts ------------------------------------------------------------------------------

export const PropertyHistoryItemSchema = z.looseObject({
  value: z.string().nullable().optional(),
  timestamp: Timestamp,
  sourceType: z.string().optional(),
  sourceId: z.string().optional(),
  sourceLabel: z.string().optional(),
  updatedByUserId: z.number().optional(),
});
export type PropertyHistoryItem = z.output<typeof PropertyHistoryItemSchema>;

export const ContactSchema = z.looseObject({
  id: Id,
  /** Values are strings or null; an absent property is simply missing. */
  properties: z.record(z.string(), z.string().nullable()).default({}),
  propertiesWithHistory: z.record(z.string(), z.array(PropertyHistoryItemSchema)).optional(),
  createdAt: Timestamp.optional(),
  updatedAt: Timestamp.optional(),
  archived: z.boolean().optional(),
});
export type Contact = z.output<typeof ContactSchema>;

const NextPageSchema = z.looseObject({ after: z.union([z.string(), z.number().transform(String)]) });
const PagingSchema = z.looseObject({ next: NextPageSchema.optional() });

export const ContactSearchPageSchema = z.looseObject({
  total: Count,
  results: z.array(ContactSchema),
  paging: PagingSchema.optional(),
});
export type ContactSearchPage = z.output<typeof ContactSearchPageSchema>;

export const ContactBatchSchema = z.looseObject({
  status: z.string().optional(),
  results: z.array(ContactSchema),
});

/** POST /crm/v3/objects/contacts/batch/update: the contacts as written (no history). */
export const ContactBatchUpdateSchema = z.looseObject({
  status: z.string().optional(),
  results: z.array(ContactSchema).default([]),
});

// ---- lists ---------------------------------------------------------------------------------

/** Any filter: only `filterType` is relied on here; lib/audit reads the rest. Unknown types and
 *  fields are kept, so a branch can be written back as HubSpot sent it. */
export const ListFilterSchema = z.looseObject({ filterType: z.string() });
export type ListFilter = z.output<typeof ListFilterSchema>;

export type { FilterBranch };

/** Recursive and permissive: OR › AND › NOT_ANY …, unknown branch types included. */
export const FilterBranchSchema: z.ZodType<FilterBranch> = z.lazy(() =>
  z.looseObject({
    filterBranchType: z.string(),
    filterBranchOperator: z.string().optional(),
    filters: z.array(ListFilterSchema).default([]),
    filterBranches: z.array(FilterBranchSchema).default([]),
  }),
) as z.ZodType<FilterBranch>;

export const ListSchema = z
  .looseObject({
    listId: Id,
    name: z.string(),
    objectTypeId: z.string(),
    processingType: z.string(),
    size: Count.optional(),
    filterBranch: FilterBranchSchema.optional(),
    additionalProperties: z.record(z.string(), z.unknown()).optional(),
    createdAt: Timestamp.optional(),
    updatedAt: Timestamp.optional(),
    filtersUpdatedAt: Timestamp.optional(),
    deletedAt: Timestamp.optional(),
  })
  .transform((l) => {
    // Search results carry the size as additionalProperties.hs_list_size (a string), if at all.
    if (l.size !== undefined) return l;
    const fromExtra = l.additionalProperties?.['hs_list_size'];
    const n = typeof fromExtra === 'string' || typeof fromExtra === 'number' ? Number(fromExtra) : NaN;
    return Number.isFinite(n) ? { ...l, size: n } : l;
  });
export type HubspotList = z.output<typeof ListSchema>;

export const ListFetchSchema = z.looseObject({ list: ListSchema });
export const ListsByIdSchema = z.looseObject({ lists: z.array(ListSchema) });

export const ListSearchPageSchema = z.looseObject({
  lists: z.array(ListSchema),
  hasMore: z.boolean(),
  offset: Count,
  total: Count.optional(),
});
export type ListSearchPage = z.output<typeof ListSearchPageSchema>;

export const ListUpdateSchema = z.looseObject({ updatedList: ListSchema.optional() });

export const MembershipSchema = z.looseObject({
  recordId: Id,
  membershipTimestamp: Timestamp.optional(),
});

export const MembershipsPageSchema = z.looseObject({
  results: z.array(MembershipSchema),
  paging: PagingSchema.optional(),
  total: Count.optional(),
});
export type MembershipsPage = z.output<typeof MembershipsPageSchema>;

export const MembershipsUpdateSchema = z.looseObject({
  recordIdsRemoved: z.array(Id).optional(),
  recordIdsMissing: z.array(Id).optional(),
  recordsIdsAdded: z.array(Id).optional(),
});

/** One list a record is in (per-record endpoint and batch read). */
export const RecordListMembershipSchema = z.looseObject({
  listId: Id,
  listVersion: z.number().optional(),
  firstAddedTimestamp: Timestamp.optional(),
  lastAddedTimestamp: Timestamp.optional(),
});

export const RecordMembershipsSchema = z.looseObject({
  results: z.array(RecordListMembershipSchema),
});

/** Batch read of many records' memberships. The answer's shape is not documented in HubSpot's reference; the
 *  SDK's model names the array `recordListMemberships`: accept that, `memberships` or `listIds`. */
export const RecordMembershipsBatchSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      recordId: Id,
      objectTypeId: z.string().optional(),
      recordListMemberships: z.array(RecordListMembershipSchema).optional(),
      memberships: z.array(RecordListMembershipSchema).optional(),
      listIds: z.array(Id).optional(),
    }),
  ),
});

// ---- workflows (automation v4) ---------------------------------------------------------------
// Shapes after HubSpot's public spec (HubSpot-public-api-spec-collection, Automation V4, v4);
// docs/hubspot-workflows.md says which fields are verified. Loose: a flow read here is written
// back whole (PUT), so fields we do not model must survive.

/** One entry of GET /automation/v4/flows. */
export const FlowListingSchema = z.looseObject({
  id: Id,
  name: z.string().optional(),
  isEnabled: z.boolean().optional(),
  flowType: z.string().optional(),
  objectTypeId: z.string().optional(),
  revisionId: Id.optional(),
  createdAt: Timestamp.optional(),
  updatedAt: Timestamp.optional(),
});
export type FlowListing = z.output<typeof FlowListingSchema>;

export const FlowListingPageSchema = z.looseObject({
  results: z.array(FlowListingSchema),
  paging: PagingSchema.optional(),
});

/** Enrolment criteria: LIST_BASED, EVENT_BASED, MANUAL, DATASET_BASED, or types HubSpot adds later. */
export const EnrollmentCriteriaSchema = z.looseObject({
  type: z.string(),
  shouldReEnroll: z.boolean().optional(),
  unEnrollObjectsNotMeetingCriteria: z.boolean().optional(),
  listFilterBranch: FilterBranchSchema.optional(),
  reEnrollmentTriggersFilterBranches: z.array(FilterBranchSchema).optional(),
  eventFilterBranches: z.array(FilterBranchSchema).optional(),
  listMembershipFilterBranches: z.array(FilterBranchSchema).optional(),
  refinementCriteria: FilterBranchSchema.optional(),
});
export type EnrollmentCriteria = z.output<typeof EnrollmentCriteriaSchema>;

export const FlowActionSchema = z.looseObject({
  actionId: z.string().optional(),
  actionTypeId: z.string().optional(),
  type: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

/** The whole flow (GET /automation/v4/flows/{flowId}, batch read, PUT answer). */
export const FlowSchema = z.looseObject({
  id: Id,
  name: z.string().optional(),
  type: z.string().optional(),
  isEnabled: z.boolean().optional(),
  flowType: z.string().optional(),
  objectTypeId: z.string().optional(),
  revisionId: Id,
  enrollmentCriteria: EnrollmentCriteriaSchema.optional(),
  /** int32 in the spec: list ids as numbers; strings tolerated. */
  suppressionListIds: z.array(Id).default([]),
  actions: z.array(FlowActionSchema).default([]),
  createdAt: Timestamp.optional(),
  updatedAt: Timestamp.optional(),
});
export type Flow = z.output<typeof FlowSchema>;

export const FlowBatchSchema = z.looseObject({
  status: z.string().optional(),
  results: z.array(FlowSchema),
});
