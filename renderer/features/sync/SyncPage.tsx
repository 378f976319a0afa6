import { useEffect, useState } from 'react';
import type { BundleReport, SyncStatus } from '../../../electron/shared/contract';
import { call } from '../../api';
import { formatDate } from '../../components/form';
import { useBundleProgress, WorkStatus } from '../../components/WorkStatus';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { readAsBase64, saveBytes } from '../attachments/files';
import { BundleSummary } from './BundleSummary';
import { Delivery } from './Delivery';
import { Devices } from './Devices';
import { Inbox } from './Inbox';
import { RecordStates } from './RecordStates';

const BUNDLE_MIME = 'application/zip';

const short = (id: string) => id.slice(-8);

/** The bundle being checked or imported; owned by the page so a file dropped anywhere on it lands here. */
const useBundleImport = (onDone: () => void) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [picked, setPicked] = useState<{ name: string; data: string } | null>(null);
  const [report, setReport] = useState<BundleReport | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useBundleProgress(busy !== null);

  const inspect = async (f: File | undefined) => {
    if (!f || busy !== null) return;
    setBusy(t('sync.inspecting', { name: f.name }));
    setError(null);
    setReport(null);
    try {
      const data = await readAsBase64(f);
      setPicked({ name: f.name, data });
      setReport(await call('sync.inspect', { fileName: f.name, dataBase64: data }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!picked || !report) return;
    setBusy(t('sync.doImport'));
    try {
      const done = await call('sync.import', {
        fileName: picked.name,
        dataBase64: picked.data,
        ...(report.newDevice ? { confirmFingerprint: report.fingerprint } : {}),
      });
      toast(t('sync.imported', done.summary), { ms: 8000 });
      setReport(null);
      setPicked(null);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return { report, busy, error, progress, inspect, apply };
};

/** A bundle picked or dropped, checked (dry run), then imported on the person's confirmation. */
const ImportBox = ({ box }: { box: ReturnType<typeof useBundleImport> }) => {
  const { t } = useI18n();
  const { report, busy, error, progress, inspect, apply } = box;

  return (
    <section className="section" aria-label={t('sync.import')}>
      <h2>{t('sync.import')}</h2>
      <div className="dropzone">
        <p className="muted">{t('sync.importHint')}</p>
        <input
          type="file"
          name="bundleFile"
          accept=".bfb"
          aria-label={t('sync.import')}
          disabled={busy !== null}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            void inspect(f);
          }}
        />
      </div>
      <WorkStatus busy={busy} error={error} progress={progress} />
      {report ? (
        <div className="report" data-testid="bundle-report">
          <dl className="facts two">
            <dt>{t('sync.from')}</dt>
            <dd>
              {report.kind === 'return' ? '↩ ' : ''}
              {short(report.deviceId)}
            </dd>
            <dt>{t('sync.fingerprint')}</dt>
            <dd className="mono" data-testid="bundle-fingerprint">
              {report.fingerprint}
            </dd>
          </dl>
          {report.alreadyImported ? <div className="banner">{t('sync.already')}</div> : null}
          {report.newDevice ? <div className="banner">{t('sync.newDevice')}</div> : null}
          {report.claims ? <Claim claims={report.claims} /> : null}
          <BundleSummary summary={report.summary} />
          {report.alreadyImported ? null : (
            <div className="actions">
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void apply()}>
                {report.newDevice ? t('sync.confirmImport') : t('sync.doImport')}
              </button>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
};

/** Whom a new device says it belongs to, and which PCs that college already has: read before enrolling it. */
const Claim = ({ claims }: { claims: NonNullable<BundleReport['claims']> }) => {
  const { t } = useI18n();
  return (
    <div className="banner" data-testid="bundle-claims">
      {claims.knownSite
        ? t('devices.claimKnown', { name: claims.siteName, n: claims.devices.length })
        : t('devices.claimNew')}
      {claims.devices.length > 0 ? (
        <ul className="small">
          {claims.devices.map((d) => (
            <li key={d.deviceId}>
              <span className="mono">{short(d.deviceId)}</span> {t(`devices.states.${d.state}`)}{' '}
              <span className="mono muted">{d.fingerprint}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};

/** Exporting, importing and the state of both: the coordinator's and the department's sync desk. */
export const SyncPage = () => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const mode = useApp((s) => s.status?.mode);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [reads, setReads] = useState(0);
  const [busy, setBusy] = useState(false);
  const [encrypt, setEncrypt] = useState(false);
  const [deliver, setDeliver] = useState(false);
  useEffect(() => {
    let live = true;
    call('sync.status', {}).then(
      (s) => live && setStatus(s),
      (e: Error) => toast(e.message, { kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [reads, toast]);
  const refresh = () => setReads((n) => n + 1);
  const bundle = useBundleImport(refresh);

  const exportBundle = async (input: { full?: boolean; to?: string; encrypt?: boolean }) => {
    setBusy(true);
    try {
      const out = await call('sync.export', { ...input, deliver });
      saveBytes(out.fileName, BUNDLE_MIME, out.dataBase64);
      const said = out.records > 0 ? t('sync.exported', { records: out.records }) : t('sync.nothingNew');
      toast(out.queued > 0 ? `${said}；${t('sync.queued', { n: out.queued })}` : said);
      refresh();
    } catch (e) {
      toast((e as Error).message, { kind: 'error', ms: 8000 });
    } finally {
      setBusy(false);
    }
  };

  const recover = async (restamp = false) => {
    setBusy(true);
    try {
      const r = await call('sync.recover', { restamp });
      toast(t('devices.recovered', { id: short(r.deviceId), n: r.reissued }), { ms: 10000 });
      refresh();
    } catch (e) {
      toast((e as Error).message, { kind: 'error', ms: 8000 });
    } finally {
      setBusy(false);
    }
  };

  const resolve = async (id: number, keep: 'winner' | 'loser') => {
    try {
      await call('sync.resolveConflict', { id, keep });
      if (keep === 'loser') toast(t('sync.restored'));
      refresh();
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    }
  };

  if (!status) return <p className="page muted">{t('app.loading')}</p>;
  return (
    <div
      className="page"
      data-testid="sync"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void bundle.inspect(e.dataTransfer.files[0]);
      }}
    >
      <div className="page-head">
        <h1>{t('sync.title')}</h1>
      </div>
      {status.clockWarning ? (
        <div className="banner error" role="alert" data-testid="clock-warning">
          {status.clockWarning}
          {status.restampable ? (
            <div className="actions">
              <button type="button" disabled={busy} onClick={() => void recover(true)}>
                {t('devices.restamp')}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {status.identityChange ? (
        <div className="banner" data-testid="identity-change">
          {t('devices.identityChanged', {
            at: formatDate(status.identityChange.at),
            previous: short(status.identityChange.previousDeviceId),
            why: t(`devices.causes.${status.identityChange.cause}`),
          })}
        </div>
      ) : null}
      {status.recovery ? (
        <div className="banner error" role="alert" data-testid="recovery">
          {t('devices.recovery', status.recovery)}
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void recover()}>
              {t('devices.recover')}
            </button>
          </div>
        </div>
      ) : null}
      {status.upgradeTo ? (
        <div className="banner error" role="alert">
          {t('sync.upgrade', { version: status.upgradeTo })}
        </div>
      ) : null}
      <section className="section">
        <h2>{t('sync.device')}</h2>
        <div className="progress-card">
          <div>
            <span className="muted">{t('sync.ownSeq')}</span> <strong>{status.ownSeq}</strong>
          </div>
          <div>
            <span className="muted">{t('sync.acknowledged')}</span> <strong>{status.acknowledged}</strong>
          </div>
          <div>
            <span className="muted">{t('sync.pending')}</span>{' '}
            <strong data-testid="sync-pending">{status.ownSeq - status.acknowledged}</strong>
          </div>
          <span className="muted small">
            {t('sync.bundles', { out: status.bundlesOut, in: status.bundlesIn })}
          </span>
        </div>
        {mode === 'site' ? (
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void exportBundle({ encrypt })}
            >
              {t('sync.export')}
            </button>
            <button type="button" disabled={busy} onClick={() => void exportBundle({ full: true, encrypt })}>
              {t('sync.exportFull')}
            </button>
            <label className="inline">
              <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
              {t('sync.encrypt')}
            </label>
          </div>
        ) : null}
        <label className="inline">
          <input type="checkbox" checked={deliver} onChange={(e) => setDeliver(e.target.checked)} />
          {t('sync.deliver')}
        </label>
        <WorkStatus busy={busy ? t('sync.exporting') : null} error={null} />
      </section>
      {mode === 'site' ? <RecordStates counts={status.records} version={reads} /> : null}
      <ImportBox box={bundle} />
      {mode === 'department' ? <Inbox onImported={refresh} /> : null}
      <Delivery version={reads} />
      <Devices version={reads} onChanged={refresh} />
      <section className="section">
        <h2>{t('sync.peers')}</h2>
        {status.peers.length === 0 ? (
          <p className="muted">{t('sync.noPeers')}</p>
        ) : (
          <table className="table" aria-label={t('sync.peers')}>
            <thead>
              <tr>
                <th>{t('sync.site')}</th>
                <th>{t('sync.fingerprint')}</th>
                <th>{t('sync.applied')}</th>
                <th>{t('sync.theyAck')}</th>
                <th>{t('sync.lastBundle')}</th>
                <th>{t('sync.parked')}</th>
                <th>{t('sync.gap')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {status.peers.map((p) => (
                <tr key={p.deviceId}>
                  <td>
                    {p.siteName ?? '—'} <span className="muted small">{short(p.deviceId)}</span>
                  </td>
                  <td className="mono small">{p.fingerprint ?? '—'}</td>
                  <td>{p.appliedSeq}</td>
                  <td>{p.acknowledgesOurs ?? '—'}</td>
                  <td>{p.lastBundleAt ? formatDate(p.lastBundleAt) : '—'}</td>
                  <td>{p.parked}</td>
                  <td className={p.gap ? 'bad' : undefined}>{p.gap ? t('sync.gapRange', p.gap) : '—'}</td>
                  <td>
                    {mode === 'department' && p.fingerprint ? (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void exportBundle({ to: p.deviceId })}
                      >
                        {t('sync.answer')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="section">
        <h2>{t('sync.conflictsTitle')}</h2>
        {status.conflicts.length === 0 ? (
          <p className="muted">{t('sync.noConflicts')}</p>
        ) : (
          <table className="table compact" aria-label={t('sync.conflictsTitle')}>
            <thead>
              <tr>
                <th>{t('sync.table')}</th>
                <th>{t('sync.field')}</th>
                <th>{t('sync.kept')}</th>
                <th>{t('sync.lost')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {status.conflicts.map((c) => (
                <tr key={c.id}>
                  <td>
                    {t(`sync.tables.${c.table}`, { defaultValue: c.table })}{' '}
                    <span className="muted small">{short(c.rowId)}</span>
                  </td>
                  <td className="mono">{c.column}</td>
                  <td>
                    {c.winnerValue}{' '}
                    <span className="muted small">
                      {c.winnerBy ?? ''} {formatDate(c.winnerAt)}
                    </span>
                  </td>
                  <td>
                    {c.loserValue}{' '}
                    <span className="muted small">
                      {c.loserBy ?? ''} {formatDate(c.loserAt)}
                    </span>
                  </td>
                  <td className="row-actions">
                    <button type="button" className="link" onClick={() => void resolve(c.id, 'winner')}>
                      {t('sync.keepWinner')}
                    </button>
                    <button type="button" className="link" onClick={() => void resolve(c.id, 'loser')}>
                      {t('sync.restoreLoser')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
};
