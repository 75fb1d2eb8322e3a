import { useId, useState, type FormEvent } from 'react';
import type { ConnectionReport } from '../lib/messaging';
import { API_HOSTS, type ApiHost, type PublicSettings } from '../lib/settings';
import type { BrandFamily } from '../lib/domain/types';
import { contractKind } from '../lib/hubspot/errors';
import { t } from '../lib/i18n';
import { isOptionalScope } from '../lib/scopes';
import type { PostalScope } from '../lib/audit/scope';
import { FamilyPicker } from './FamilyPicker';

export interface SettingsInput {
  token?: string;
  apiHost: ApiHost;
  blockProperty: string;
  reasonProperty: string;
  families: BrandFamily[];
  userName: string;
  saveButtonLabels: string[];
  postalScope?: PostalScope;
}

/** "1001, 1002" → ids, and the pieces that are no HubSpot id (shown, never dropped silently). */
export function parseIds(text: string): { ids: string[]; bad: string[] } {
  const parts = text.split(/[\s,;]+/).map((p) => p.trim()).filter(Boolean);
  return { ids: [...new Set(parts.filter((p) => /^\d+$/.test(p)))], bad: parts.filter((p) => !/^\d+$/.test(p)) };
}
const lines = (text: string) => [...new Set(text.split('\n').map((l) => l.trim()).filter(Boolean))];

export function familiesToText(families: BrandFamily[]): string {
  return families.map((f) => `${f.name}: ${f.brands.join(', ')}`).join('\n');
}

/** "Kunstmeile: kunstmeile_nord, kunstmeile_sued" per line → families; reports the bad lines (1-based). */
export function parseFamiliesText(text: string): { families: BrandFamily[]; badLines: number[] } {
  const families: BrandFamily[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    const brands = colon > 0 ? line.slice(colon + 1).split(',').map((b) => b.trim()).filter(Boolean) : [];
    if (!name || brands.length === 0) badLines.push(i + 1);
    else families.push({ name, brands: [...new Set(brands)] });
  });
  return { families, badLines };
}

export function ConnectionStatus({ report }: { report: ConnectionReport }) {
  const lines: string[] = [];
  if (report.portalId) lines.push(t('connectionOk', report.portalId, report.uiDomain ?? '?', report.region ?? '?'));
  if (report.blockPropertyFound && report.brandCount !== undefined) lines.push(t('connectionBrands', report.blockPropertyName ?? '', report.brandCount));
  if (report.reasonPropertyFound === true) lines.push(t('connectionReasonFound', report.reasonPropertyName ?? ''));
  if (report.reasonPropertyFound === false) lines.push(t('connectionReasonMissing', report.reasonPropertyName ?? ''));
  if (report.scopesKnown === false) lines.push(t('connectionScopesUnknown'));
  if (report.missingScopes.length) {
    lines.push(t('connectionMissingScopes', report.missingScopes.join(', ')) + (report.missingScopes.some(isOptionalScope) ? ` ${t('connectionListsWriteOptional')}` : ''));
  }
  return (
    <div className={report.ok ? 'opt-status opt-ok' : 'opt-status opt-bad'} data-testid="connection-status" data-state={report.ok ? 'ok' : 'error'} role={report.ok ? 'status' : 'alert'}>
      <p>
        <strong>{report.ok ? t('settingsSaved') : report.portalId ? t('connectionIncomplete') : t('connectionFailed')}</strong>
      </p>
      {report.error ? <p data-error-kind={contractKind(report.error.kind)}>{report.error.message}</p> : null}
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

export type BrandOption = { value: string; label: string };

/** What the family lines mean with the portal's brands: each family's brands by label, unknown values named. */
export function FamiliesPreview({ families, brands }: { families: BrandFamily[]; brands: BrandOption[] | undefined }) {
  if (!brands) return <p className="opt-help">{t('familiesNeedConnection')}</p>;
  const labels = new Map(brands.map((b) => [b.value, b.label]));
  return (
    <>
      <ul className="opt-families" aria-live="polite">
        {families.map((f) => {
          const unknown = f.brands.filter((v) => !labels.has(v));
          return (
            <li key={f.name} data-family={f.name}>
              <strong>{f.name}</strong>: {f.brands.filter((v) => labels.has(v)).map((v) => labels.get(v)).join(', ')}
              {unknown.length ? (
                <span className="opt-error" role="alert">
                  {' '}
                  {t('familyUnknownValues', f.name, unknown.join(', '))}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <details>
        <summary>{t('availableBrands', brands.length)}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colLabel')}</th>
              <th scope="col">{t('colValue')}</th>
            </tr>
          </thead>
          <tbody>
            {brands.map((b) => (
              <tr key={b.value}>
                <td>{b.label}</td>
                <td>
                  <code>{b.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

/** Beside a value set by Chrome policy: who set it, and that it cannot be changed here. */
function LockNote({ id, field, who }: { id: string; field: string; who: string }) {
  return (
    <p id={id} className="opt-help opt-locked" data-testid="policy-lock" data-field={field}>
      {t('policyLocked', who)}
    </p>
  );
}

export function OptionsForm({
  settings,
  brands,
  onSave,
  onRemoveToken,
}: {
  settings: PublicSettings;
  /** The portal's brands from the last connection test, when known. */
  brands?: BrandOption[];
  onSave: (input: SettingsInput) => Promise<ConnectionReport>;
  onRemoveToken?: () => Promise<void>;
}) {
  const locked = new Set(settings.locked);
  const who = settings.managedBy ?? t('policyLockedDefault');
  const [removed, setRemoved] = useState(false);
  const [token, setToken] = useState('');
  const [apiHost, setApiHost] = useState<ApiHost>(settings.apiHost);
  const [blockProperty, setBlockProperty] = useState(settings.blockProperty);
  const [reasonProperty, setReasonProperty] = useState(settings.reasonProperty);
  const [familiesText, setFamiliesText] = useState(familiesToText(settings.families));
  // The families as the checkboxes edit them (may hold a family still without name or brands).
  const [picked, setPicked] = useState<BrandFamily[]>(settings.families);
  const [userName, setUserName] = useState(settings.userName);
  const [labels, setLabels] = useState(settings.saveButtonLabels.join(', '));
  const scope = settings.postalScope ?? { folders: [], namePatterns: [], listIds: [], flowIds: [] };
  const [folders, setFolders] = useState(scope.folders.join('\n'));
  const [patterns, setPatterns] = useState(scope.namePatterns.join('\n'));
  const [scopeLists, setScopeLists] = useState(scope.listIds.join(', '));
  const [scopeFlows, setScopeFlows] = useState(scope.flowIds.join(', '));
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const id = useId();
  const parsedFamilies = parseFamiliesText(familiesText);
  const parsedLists = parseIds(scopeLists);
  const parsedFlows = parseIds(scopeFlows);
  const badIds = [...parsedLists.bad, ...parsedFlows.bad];
  const knownBrands = report?.brands ?? brands;
  const completeFamilies = picked.filter((f) => f.name.trim() && f.brands.length > 0).map((f) => ({ name: f.name.trim(), brands: f.brands }));
  const editText = (text: string) => {
    setFamiliesText(text);
    const parsed = parseFamiliesText(text);
    if (parsed.badLines.length === 0) setPicked(parsed.families);
  };
  const editPicked = (next: BrandFamily[]) => {
    setPicked(next);
    setFamiliesText(familiesToText(next.filter((f) => f.name.trim() && f.brands.length > 0)));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (parsedFamilies.badLines.length || badIds.length) return;
    setBusy(true);
    setReport(null);
    try {
      setReport(
        await onSave({
          token: token.trim() && !locked.has('token') ? token.trim() : undefined,
          apiHost,
          blockProperty: blockProperty.trim(),
          reasonProperty: reasonProperty.trim(),
          families: knownBrands ? completeFamilies : parsedFamilies.families,
          userName: userName.trim(),
          saveButtonLabels: labels.split(',').map((l) => l.trim()).filter(Boolean),
          postalScope: { folders: lines(folders), namePatterns: lines(patterns), listIds: parsedLists.ids, flowIds: parsedFlows.ids },
        }),
      );
      setToken('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="opt-form" onSubmit={submit}>
      <fieldset>
        <legend>{t('optionsConnection')}</legend>
        <label htmlFor={`${id}-token`}>{t('tokenLabel')}</label>
        <input
          id={`${id}-token`}
          data-testid="token-input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          disabled={locked.has('token')}
          data-locked={locked.has('token') || undefined}
          placeholder={settings.hasToken ? settings.tokenHint : 'pat-eu1-…'}
          aria-describedby={`${id}-token-help`}
          onChange={(e) => setToken(e.target.value)}
        />
        <p id={`${id}-token-help`} className="opt-help">
          {locked.has('token') ? `${t('tokenFromPolicy', who)} ` : settings.hasToken && !removed ? `${t('tokenStored', settings.tokenHint)} ` : ''}
          {t('tokenHelp', API_HOSTS.join(', '))}
        </p>
        {locked.has('token') ? <LockNote id={`${id}-token-lock`} field="token" who={who} /> : null}
        {onRemoveToken && settings.hasToken && !locked.has('token') && !removed ? (
          <button
            type="button"
            className="opt-button"
            data-testid="remove-token"
            onClick={() => {
              void onRemoveToken().then(
                () => setRemoved(true),
                () => undefined, // the container shows the error
              );
            }}
          >
            {t('removeToken')}
          </button>
        ) : null}
        {removed ? (
          <p role="status" data-testid="token-removed">
            {t('tokenRemoved')}
          </p>
        ) : null}
        <label htmlFor={`${id}-host`}>{t('apiHostLabel')}</label>
        <select id={`${id}-host`} value={apiHost} disabled={locked.has('apiHost')} data-locked={locked.has('apiHost') || undefined} aria-describedby={locked.has('apiHost') ? `${id}-host-lock` : undefined} onChange={(e) => setApiHost(e.target.value as ApiHost)}>
          {API_HOSTS.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
        {locked.has('apiHost') ? <LockNote id={`${id}-host-lock`} field="apiHost" who={who} /> : null}
        {locked.has('allowedPortalId') ? (
          <>
            <p className="opt-help">
              <strong>{t('allowedPortalLabel')}:</strong> {settings.allowedPortalId}
            </p>
            <LockNote id={`${id}-portal-lock`} field="allowedPortalId" who={who} />
          </>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{t('propertiesHeading')}</legend>
        <label htmlFor={`${id}-block`}>{t('blockPropertyLabel')}</label>
        <input id={`${id}-block`} required value={blockProperty} disabled={locked.has('blockProperty')} data-locked={locked.has('blockProperty') || undefined} aria-describedby={locked.has('blockProperty') ? `${id}-block-lock` : undefined} onChange={(e) => setBlockProperty(e.target.value)} />
        {locked.has('blockProperty') ? <LockNote id={`${id}-block-lock`} field="blockProperty" who={who} /> : null}
        <label htmlFor={`${id}-reason`}>{t('reasonPropertyLabel')}</label>
        <input id={`${id}-reason`} required value={reasonProperty} disabled={locked.has('reasonProperty')} data-locked={locked.has('reasonProperty') || undefined} aria-describedby={locked.has('reasonProperty') ? `${id}-reason-lock` : undefined} onChange={(e) => setReasonProperty(e.target.value)} />
        {locked.has('reasonProperty') ? <LockNote id={`${id}-reason-lock`} field="reasonProperty" who={who} /> : null}
      </fieldset>

      <fieldset>
        <legend>{t('familiesOptionsHeading')}</legend>
        {knownBrands ? <FamilyPicker families={picked} brands={knownBrands} disabled={locked.has('families')} onChange={editPicked} /> : null}
        <details className="opt-families-text" open={!knownBrands}>
          <summary>{t('familiesAsText')}</summary>
        <label htmlFor={`${id}-families`}>{t('familiesLabel')}</label>
        <textarea
          id={`${id}-families`}
          rows={4}
          value={familiesText}
          disabled={locked.has('families')}
          data-locked={locked.has('families') || undefined}
          aria-describedby={`${id}-families-help`}
          aria-invalid={parsedFamilies.badLines.length > 0}
          onChange={(e) => editText(e.target.value)}
        />
        <p id={`${id}-families-help`} className="opt-help">
          {t('familiesHelp')}
        </p>
        </details>
        {locked.has('families') ? <LockNote id={`${id}-families-lock`} field="families" who={who} /> : null}
        {parsedFamilies.badLines.map((n) => (
          <p key={n} className="opt-error" role="alert">
            {t('familiesInvalid', n)}
          </p>
        ))}
        <FamiliesPreview families={parsedFamilies.families} brands={knownBrands} />
      </fieldset>

      <fieldset>
        <legend>{t('reasonHeading')}</legend>
        <label htmlFor={`${id}-user`}>{t('userNameLabel')}</label>
        <input id={`${id}-user`} value={userName} maxLength={40} onChange={(e) => setUserName(e.target.value)} />
        <details className="opt-advanced">
          <summary>{t('optionsAdvanced')}</summary>
          <p className="opt-help">{t('saveButtonLabelsHelp')}</p>
          <label htmlFor={`${id}-labels`}>{t('saveButtonLabelsLabel')}</label>
          <input id={`${id}-labels`} value={labels} onChange={(e) => setLabels(e.target.value)} />
        </details>
      </fieldset>

      <fieldset
        data-testid="postal-scope"
        disabled={locked.has('postalScope')}
        data-locked={locked.has('postalScope') || undefined}
        aria-describedby={locked.has('postalScope') ? `${id}-scope-lock` : undefined}
      >
        <legend>{t('scopeHeading')}</legend>
        <p className="opt-help">{t('scopeHelp')}</p>
        {locked.has('postalScope') ? <LockNote id={`${id}-scope-lock`} field="postalScope" who={who} /> : null}
        <label htmlFor={`${id}-scope-folders`}>{t('scopeFolders')}</label>
        <textarea id={`${id}-scope-folders`} data-testid="scope-folders" rows={2} value={folders} onChange={(e) => setFolders(e.target.value)} />
        <label htmlFor={`${id}-scope-patterns`}>{t('scopePatterns')}</label>
        <textarea id={`${id}-scope-patterns`} data-testid="scope-patterns" rows={2} value={patterns} onChange={(e) => setPatterns(e.target.value)} />
        <label htmlFor={`${id}-scope-lists`}>{t('scopeListIds')}</label>
        <input id={`${id}-scope-lists`} data-testid="scope-list-ids" value={scopeLists} aria-invalid={parsedLists.bad.length > 0} onChange={(e) => setScopeLists(e.target.value)} />
        <label htmlFor={`${id}-scope-flows`}>{t('scopeFlowIds')}</label>
        <input id={`${id}-scope-flows`} data-testid="scope-flow-ids" value={scopeFlows} aria-invalid={parsedFlows.bad.length > 0} onChange={(e) => setScopeFlows(e.target.value)} />
        {badIds.length ? (
          <p className="opt-error" role="alert">
            {t('scopeBadIds', badIds.join(', '))}
          </p>
        ) : null}
      </fieldset>

      <button type="submit" className="opt-primary" data-testid="save-settings" disabled={busy}>
        {busy ? t('testing') : t('saveSettings')}
      </button>
      <div aria-live="polite">{report ? <ConnectionStatus report={report} /> : null}</div>
    </form>
  );
}
