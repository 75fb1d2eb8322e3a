// Postal scope: which lists and workflows serve postal mailings, as the admin
// says it: HubSpot list folders (every colleague sees a list moved into "Postmailings"), name
// patterns, explicit ids. A workflow that adds contacts to a postal list is postal too. Without a
// configured scope everything is in scope (strictest). Pure.

export interface PostalScope {
  /** Folder names (HubSpot's hs_folder_name of a list), compared without case. */
  folders: string[];
  /** Name patterns: `*` any text, `?` one character, compared without case, whole name. */
  namePatterns: string[];
  /** Explicit list ids. */
  listIds: string[];
  /** Explicit workflow ids. */
  flowIds: string[];
}

export const EMPTY_SCOPE: PostalScope = { folders: [], namePatterns: [], listIds: [], flowIds: [] };

export function scopeConfigured(s: PostalScope | undefined): s is PostalScope {
  return !!s && (s.folders.length > 0 || s.namePatterns.length > 0 || s.listIds.length > 0 || s.flowIds.length > 0);
}

function patternRegex(p: string): RegExp {
  const body = p
    .trim()
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'iu');
}

function nameMatches(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p.trim() !== '' && patternRegex(p).test(name.trim()));
}

/** The folder name HubSpot's list search reports for a list (additionalProperties.hs_folder_name). */
export function listFolderName(list: { additionalProperties?: Record<string, unknown> }): string | undefined {
  const v = list.additionalProperties?.['hs_folder_name'];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function listInScope(list: { listId: string; name: string; additionalProperties?: Record<string, unknown> }, scope: PostalScope | undefined): boolean {
  if (!scopeConfigured(scope)) return true;
  if (scope.listIds.includes(list.listId)) return true;
  const folder = listFolderName(list);
  if (folder && scope.folders.some((f) => f.trim().toLowerCase() === folder.toLowerCase())) return true;
  return nameMatches(list.name, scope.namePatterns);
}

/** Actions of a flow that add contacts to a static list (actionTypeId 0-63809083, fields.listId). */
export const ADD_TO_LIST_ACTION = '0-63809083';

export function listsAddedBy(flow: { actions?: readonly { actionTypeId?: string; fields?: Record<string, unknown> }[] }): string[] {
  const out = new Set<string>();
  for (const a of flow.actions ?? []) {
    if (a.actionTypeId !== ADD_TO_LIST_ACTION) continue;
    const id = a.fields?.['listId'];
    if (typeof id === 'string' || typeof id === 'number') out.add(String(id));
  }
  return [...out];
}

export function flowInScope(
  flow: { id: string; name?: string; actions?: readonly { actionTypeId?: string; fields?: Record<string, unknown> }[] },
  scope: PostalScope | undefined,
  postalListIds: ReadonlySet<string>,
): boolean {
  if (!scopeConfigured(scope)) return true;
  if (scope.flowIds.includes(flow.id)) return true;
  if (nameMatches(flow.name ?? '', scope.namePatterns)) return true;
  return listsAddedBy(flow).some((id) => postalListIds.has(id) || scope.listIds.includes(id));
}
