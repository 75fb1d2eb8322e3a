// What a workflow's actions do to the block (issue 14): which actions write the block property or
// the reason property (a road around the product's rules: no reason, no log entry), and which hand
// the contact to an app or a webhook (the mail vendor a postal workflow reaches). Pure.
//
// Shapes (docs/hubspot-workflows.md, "Actions"):
//   - v4 actions are one flat array; branch actions (LIST_BRANCH, STATIC_BRANCH, AB_TEST_BRANCH)
//     point at other actions by id (`connection.nextActionId`) and hold no actions themselves.
//     Older shapes nested actions in branches (`acceptActions`/`rejectActions`, branch `actions`):
//     those are walked too, so a nested write is found whatever the shape;
//   - "Edit record" is `actionTypeId: "0-5"` with `fields.property_name` (the property written) and
//     `fields.value` (STATIC_VALUE with `staticValue`, "" clears; OBJECT_PROPERTY with
//     `propertyName` copies another property; FIELD_DATA, ENROLLMENT_EVENT_PROPERTY, … copy
//     something else; STATIC_APPEND_VALUE / APPEND_OBJECT_PROPERTY append);
//   - any other action whose fields name the property as its target (`property_name`, or the
//     spellings `propertyName` / `targetProperty` / `properties[].targetProperty` seen in public
//     scripts) counts as a write too: reporting an action that only might write is the safe side;
//   - an app (integration) action has an `actionTypeId` not starting with `0-`; a webhook is an
//     action of `type: "WEBHOOK"` with a `webhookUrl`.

/** An action as the flow carries it (loosely: fields HubSpot adds later pass). */
export interface FlowActionLike {
  actionId?: string;
  actionTypeId?: string;
  type?: string;
  fields?: Record<string, unknown>;
  [k: string]: unknown;
}

/** Keys under which older shapes nest actions inside an action or a branch. */
import type { WorkflowFinding, WorkflowLeak, WorkflowSendsVia as SendsVia, WorkflowWriteLeak as WriteFinding } from './types';

export type { SendsVia, WriteFinding };

const NESTED_ACTIONS = ['actions', 'acceptActions', 'rejectActions'] as const;
const BRANCH_ARRAYS = ['listBranches', 'staticBranches', 'testBranches', 'branches'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Every action of a flow, nested ones included, each once, in the order they appear. */
export function allActions(actions: readonly unknown[] | undefined): FlowActionLike[] {
  const out: FlowActionLike[] = [];
  const seen = new Set<unknown>();
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const a of list) {
      if (!isRecord(a) || seen.has(a)) continue;
      seen.add(a);
      out.push(a as FlowActionLike);
      for (const k of NESTED_ACTIONS) walk(a[k]);
      for (const k of BRANCH_ARRAYS) {
        const branches = a[k];
        if (Array.isArray(branches)) for (const b of branches) if (isRecord(b)) for (const n of NESTED_ACTIONS) walk(b[n]);
      }
    }
  };
  walk(actions);
  return out;
}

/** The properties an action names as the one it writes, with the value object it writes there. */
function targets(a: FlowActionLike): { property: string; value: unknown }[] {
  const f = a.fields;
  if (!isRecord(f)) return [];
  const out: { property: string; value: unknown }[] = [];
  for (const key of ['property_name', 'propertyName', 'targetProperty'] as const) {
    const p = str(f[key]);
    if (p) out.push({ property: p, value: f['value'] });
  }
  // A public variant: `properties: [{ targetProperty, value }]`.
  if (Array.isArray(f['properties'])) {
    for (const p of f['properties']) {
      if (isRecord(p) && str(p['targetProperty'])) out.push({ property: str(p['targetProperty'])!, value: p['value'] });
    }
  }
  return out;
}

/** What a value object writes, in the finding's words. */
function describeValue(value: unknown): Pick<WriteFinding, 'valueType' | 'value' | 'clears' | 'copiedFrom' | 'appends'> {
  if (typeof value === 'string') return value.trim() === '' ? { clears: true } : { value };
  if (!isRecord(value)) return value === null ? { clears: true } : {};
  const type = str(value['type']);
  const base = type ? { valueType: type } : {};
  if ('staticValue' in value && (type === undefined || type === 'STATIC_VALUE')) {
    const v = str(value['staticValue']) ?? '';
    return v.trim() === '' ? { valueType: 'STATIC_VALUE', clears: true } : { valueType: 'STATIC_VALUE', value: v };
  }
  if (type === 'OBJECT_PROPERTY' || type === 'FETCHED_OBJECT_PROPERTY') {
    const from = str(value['propertyName']) ?? str(value['propertyToken']);
    return { ...base, ...(from ? { copiedFrom: from } : {}) };
  }
  if (type === 'STATIC_APPEND_VALUE') return { ...base, appends: true, ...(str(value['staticAppendValue']) ? { value: str(value['staticAppendValue'])! } : {}) };
  if (type === 'APPEND_OBJECT_PROPERTY') return { ...base, appends: true, ...(str(value['appendPropertyName']) ? { copiedFrom: str(value['appendPropertyName'])! } : {}) };
  return base;
}

/** Every action that writes one of `properties` (the block property and the reason property). */
export function blockWrites(actions: readonly unknown[] | undefined, properties: readonly string[]): WriteFinding[] {
  const watched = new Set(properties.filter((p) => p.trim() !== ''));
  const out: WriteFinding[] = [];
  for (const a of allActions(actions)) {
    for (const t of targets(a)) {
      if (!watched.has(t.property)) continue;
      out.push({
        kind: 'writes-block-property',
        actionId: str(a.actionId) ?? '',
        property: t.property,
        actionTypeId: str(a.actionTypeId) ?? str(a.type) ?? '',
        ...describeValue(t.value),
      });
    }
  }
  return out;
}

/** The app's name as the action carries it, when it does (not in HubSpot's spec: assumed). */
function appName(a: FlowActionLike): string | undefined {
  for (const k of ['actionName', 'name', 'label', 'appName'] as const) {
    const v = str(a[k]);
    if (v && v.trim() !== '') return v.trim();
  }
  const f = a.fields;
  if (isRecord(f)) for (const k of ['appName', 'app_name'] as const) if (str(f[k])?.trim()) return str(f[k])!.trim();
  return undefined;
}

function host(url: unknown): string | undefined {
  const s = str(url);
  if (!s) return undefined;
  try {
    return new URL(s).host || undefined;
  } catch {
    return undefined;
  }
}

/** App (integration) and webhook actions: the roads by which a workflow hands contacts on. */
export function sendsVia(actions: readonly unknown[] | undefined): SendsVia[] {
  const out: SendsVia[] = [];
  for (const a of allActions(actions)) {
    const typeId = str(a.actionTypeId);
    if (a.type === 'WEBHOOK' || 'webhookUrl' in a) {
      out.push({ actionId: str(a.actionId) ?? '', actionTypeId: typeId ?? 'WEBHOOK', name: appName(a) ?? host(a['webhookUrl']) ?? typeId ?? 'WEBHOOK', kind: 'webhook' });
    } else if (typeId && !typeId.startsWith('0-')) {
      out.push({ actionId: str(a.actionId) ?? '', actionTypeId: typeId, name: appName(a) ?? typeId, kind: 'app' });
    }
  }
  return out;
}

/** The enrolment findings of an audit (the ones a fix of the criteria or a suppression list closes). */
export function enrollmentLeaks(audit: { leaks: readonly WorkflowFinding[] }): WorkflowLeak[] {
  return audit.leaks.filter((l): l is WorkflowLeak => l.kind === 'enrollment-branch');
}

/** The write findings of an audit. */
export function writeLeaks(audit: { leaks: readonly WorkflowFinding[] }): WriteFinding[] {
  return audit.leaks.filter((l): l is WriteFinding => l.kind === 'writes-block-property');
}

