// @vitest-environment node
// What a workflow's actions do to the block (issue 14): actions writing the block or the reason
// property, over the action shapes of automation v4 (flat, branches pointing by id) and older
// nested ones; app and webhook actions. (The engine's findings on the demo portal: audit-workflow.test.ts.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allActions, blockWrites, sendsVia } from '../../lib/audit/workflowActions';

const BLOCK = 'post_sperre_marken';
const REASON = 'grund_post_sperre';
const WATCHED = [BLOCK, REASON];

const edit = (actionId: string, property: string, value: unknown, extra: Record<string, unknown> = {}) => ({
  actionId,
  actionTypeId: '0-5',
  actionTypeVersion: 0,
  type: 'SINGLE_CONNECTION',
  fields: { property_name: property, value },
  ...extra,
});

describe('actions that write the block or the reason property', () => {
  it('sets a static value, clears with an empty one, copies another property, appends', () => {
    const found = blockWrites(
      [
        edit('1', BLOCK, { type: 'STATIC_VALUE', staticValue: 'marke_a' }),
        edit('2', REASON, { type: 'STATIC_VALUE', staticValue: '' }),
        edit('3', BLOCK, { type: 'OBJECT_PROPERTY', propertyName: 'messe_sperre' }),
        edit('4', BLOCK, { type: 'STATIC_APPEND_VALUE', staticAppendValue: 'marke_c' }),
        edit('5', REASON, { type: 'FIELD_DATA', actionId: '1', dataKey: 'grund' }),
        edit('6', BLOCK, { staticValue: '  ' }), // public scripts leave the type out
        edit('7', 'lifecyclestage', { type: 'STATIC_VALUE', staticValue: 'lead' }),
      ],
      WATCHED,
    );
    expect(found).toEqual([
      { kind: 'writes-block-property', actionId: '1', property: BLOCK, actionTypeId: '0-5', valueType: 'STATIC_VALUE', value: 'marke_a' },
      { kind: 'writes-block-property', actionId: '2', property: REASON, actionTypeId: '0-5', valueType: 'STATIC_VALUE', clears: true },
      { kind: 'writes-block-property', actionId: '3', property: BLOCK, actionTypeId: '0-5', valueType: 'OBJECT_PROPERTY', copiedFrom: 'messe_sperre' },
      { kind: 'writes-block-property', actionId: '4', property: BLOCK, actionTypeId: '0-5', valueType: 'STATIC_APPEND_VALUE', appends: true, value: 'marke_c' },
      { kind: 'writes-block-property', actionId: '5', property: REASON, actionTypeId: '0-5', valueType: 'FIELD_DATA' },
      { kind: 'writes-block-property', actionId: '6', property: BLOCK, actionTypeId: '0-5', valueType: 'STATIC_VALUE', clears: true },
    ]);
  });

  it('reads the other spellings public scripts use, and any action that names the property as its target', () => {
    const found = blockWrites(
      [
        { actionId: '1', actionTypeId: '0-5', fields: { property: BLOCK, value: 'smb' } }, // `property`: not a target key we trust
        { actionId: '2', actionTypeId: '0-5', fields: { properties: [{ targetProperty: REASON, value: { type: 'STATIC_VALUE', staticValue: 'x' } }] } },
        { actionId: '3', actionTypeId: '0-11', fields: { property_name: BLOCK, user_ids: ['1'] } },
        { actionId: '4', actionTypeId: '0-35', fields: { date: { type: 'OBJECT_PROPERTY', propertyName: BLOCK } } }, // reads it, writes nothing
      ],
      WATCHED,
    );
    expect(found.map((f) => [f.actionId, f.property, f.actionTypeId])).toEqual([
      ['2', REASON, '0-5'],
      ['3', BLOCK, '0-11'],
    ]);
  });

  it('copying the block OUT of the property is no write of it', () => {
    expect(blockWrites([edit('1', 'alte_sperre', { type: 'OBJECT_PROPERTY', propertyName: BLOCK })], WATCHED)).toEqual([]);
  });

  it('v4 branches point at other actions by id; older nested branches are walked too', () => {
    const v4 = [
      { actionId: '1', type: 'LIST_BRANCH', listBranches: [{ branchName: 'A', connection: { edgeType: 'STANDARD', nextActionId: '2' } }], defaultBranch: { edgeType: 'STANDARD', nextActionId: '3' } },
      { actionId: '9', type: 'STATIC_BRANCH', inputValue: { type: 'OBJECT_PROPERTY', propertyName: BLOCK }, staticBranches: [{ branchValue: 'marke_a', connection: { edgeType: 'GOTO', nextActionId: '3' } }] },
      edit('2', BLOCK, { type: 'STATIC_VALUE', staticValue: 'marke_a' }),
      edit('3', REASON, { type: 'STATIC_VALUE', staticValue: '' }),
    ];
    expect(blockWrites(v4, WATCHED).map((f) => f.actionId)).toEqual(['2', '3']);
    const nested = [
      { actionId: '1', type: 'BRANCH', acceptActions: [edit('2', BLOCK, { staticValue: 'marke_b' })], rejectActions: [{ actionId: '3', type: 'BRANCH', acceptActions: [edit('4', REASON, { staticValue: '' })] }] },
      { actionId: '5', type: 'LIST_BRANCH', listBranches: [{ branchName: 'x', actions: [edit('6', BLOCK, { staticValue: '' })] }] },
    ];
    expect(blockWrites(nested, WATCHED).map((f) => [f.actionId, f.property])).toEqual([
      ['2', BLOCK],
      ['4', REASON],
      ['6', BLOCK],
    ]);
  });

  it('a write is found wherever it sits in any tree of branches (property)', () => {
    // Random action trees: each node either writes (a watched or another property) or branches into
    // children under one of the nesting keys. Every watched write must be found, each once, and
    // nothing else.
    type Node = { write: string | null; key: string; children: Node[] };
    const node: fc.Memo<Node> = fc.memo((depth) =>
      fc.record({
        write: fc.oneof(fc.constant(null), fc.constantFrom(BLOCK, REASON, 'firstname')),
        key: fc.constantFrom('acceptActions', 'rejectActions', 'listBranches', 'staticBranches', 'actions'),
        children: depth > 1 ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant([]),
      }),
    );
    fc.assert(
      fc.property(fc.array(node(4), { maxLength: 5 }), (roots) => {
        let next = 0;
        const expected: string[] = [];
        const build = (n: Node): Record<string, unknown> => {
          const actionId = String(++next);
          const a: Record<string, unknown> = n.write ? edit(actionId, n.write, { type: 'STATIC_VALUE', staticValue: 'marke_a' }) : { actionId, type: 'BRANCH' };
          if (n.write && WATCHED.includes(n.write)) expected.push(actionId);
          const kids = n.children.map(build);
          if (kids.length) a[n.key] = n.key.endsWith('Branches') ? [{ branchName: 'b', actions: kids }] : kids;
          return a;
        };
        const actions = roots.map(build);
        const found = blockWrites(actions, WATCHED).map((f) => f.actionId);
        expect([...found].sort()).toEqual([...expected].sort());
        expect(allActions(actions)).toHaveLength(next);
      }),
    );
  });
});

describe('app and webhook actions', () => {
  it('an app action (type id not starting with 0-) and a webhook (type WEBHOOK), named', () => {
    const via = sendsVia([
      { actionId: '1', actionTypeId: '0-63809083', fields: { listId: '1004' } },
      { actionId: '2', actionTypeId: '1-4711', fields: { katalog: 'Herbst' } },
      { actionId: '3', type: 'WEBHOOK', method: 'POST', webhookUrl: 'https://api.lettershop-nord.example/v1/auftraege', queryParams: [] },
      { actionId: '4', actionTypeId: '1-99', actionName: 'Lettershop Nord: Brief senden', fields: {} },
      { actionId: '5', type: 'WEBHOOK', webhookUrl: 'not a url' },
      { actionId: '6', type: 'CUSTOM_CODE', sourceCode: '…' },
    ]);
    expect(via).toEqual([
      { actionId: '2', actionTypeId: '1-4711', name: '1-4711', kind: 'app' },
      { actionId: '3', actionTypeId: 'WEBHOOK', name: 'api.lettershop-nord.example', kind: 'webhook' },
      { actionId: '4', actionTypeId: '1-99', name: 'Lettershop Nord: Brief senden', kind: 'app' },
      { actionId: '5', actionTypeId: 'WEBHOOK', name: 'WEBHOOK', kind: 'webhook' },
    ]);
  });
});
