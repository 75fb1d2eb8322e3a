// The token scopes the product asks for. The connection test and the options page both read
// them from here.

/** Scopes without which the product cannot work. Reading a property definition (the brands)
 *  accepts any of several scopes, crm.objects.contacts.read among them, so
 *  crm.schemas.contacts.read is not asked for. */
export const REQUIRED_SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.lists.read'] as const;
/** crm.lists.write only fixes lists; automation only audits and fixes workflows;
 *  crm.objects.owners.read only names users in the history. */
export const OPTIONAL_SCOPES = ['crm.lists.write', 'automation', 'crm.objects.owners.read'] as const;

export function isOptionalScope(scope: string): boolean {
  return (OPTIONAL_SCOPES as readonly string[]).includes(scope);
}
