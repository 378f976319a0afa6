import { useEffect, useState } from 'react';
import { readNumber } from '../../../electron/shared/numberInput';
import { Dialog } from '../../components/Dialog';
import { WorkStatus } from '../../components/WorkStatus';
import type { BackupOverview } from '../../../electron/shared/schemas/backups';
import { call } from '../../api';
import { formatDate } from '../../components/form';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { formatSize } from '../attachments/files';

/**
 * Once per start: a failed or overdue backup is said at once, wherever the person is, with the way to
 * Settings, so a backup that keeps failing is not found out only on the day it is needed.
 */
export const useBackupWarning = (enabled: boolean) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const go = useApp((s) => s.go);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    call('backups.list', {}).then(
      (o) => {
        if (!live || (!o.lastFailure && !o.overdue)) return;
        toast(o.lastFailure ? t('backups.failedShort') : t('backups.overdueShort'), {
          kind: 'error',
          ms: 20_000,
          action: { label: t('backups.open'), run: () => go({ page: 'settings' }) },
        });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled, toast, go, t]);
};

/**
 * The backups kept (scheduled, manual, before an upgrade) with date and size, how many scheduled ones to
 * keep, and a failed or overdue backup said plainly. `version` changes when a manual backup was made.
 */
export const BackupSection = ({ version }: { version: number }) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [overview, setOverview] = useState<BackupOverview | null>(null);
  const [keep, setKeep] = useState('');
  const [keepError, setKeepError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('backups.list', {}).then(
      (o) => {
        if (!live) return;
        setOverview(o);
        setKeep(String(o.keep));
      },
      (e: Error) => toast(e.message, { kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [version, toast]);

  const [restoring, setRestoring] = useState<BackupOverview['backups'][number] | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useApp((s) => s.load);

  const restore = async () => {
    if (!restoring) return;
    setBusy(true);
    try {
      const done = await call('backups.restore', { name: restoring.name });
      setRestoring(null);
      toast(
        done.newIdentity
          ? t('backups.restoredNewIdentity', { at: formatDate(done.takenAt) })
          : t('backups.restored', { at: formatDate(done.takenAt) }),
        { ms: 12000 },
      );
      await load();
      setOverview(await call('backups.list', {}));
    } catch (e) {
      toast((e as Error).message, { kind: 'error', ms: 10000 });
    } finally {
      setBusy(false);
    }
  };

  const saveKeep = async () => {
    try {
      // As every number field: １４ or 14 份 is 14; what is not a number is left for the API to explain.
      const typed = readNumber(keep, 'count');
      const o = await call('backups.setKeep', { keep: typed.state === 'number' ? typed.value : Number.NaN });
      setOverview(o);
      setKeepError(null);
      toast(t('backups.keepSaved', { keep: o.keep }));
    } catch (e) {
      const fields = (e as { fields?: Record<string, string> }).fields;
      setKeepError(fields?.keep ?? (e as Error).message);
    }
  };

  if (!overview) return null;
  return (
    <>
      <h2>{t('backups.title')}</h2>
      {overview.lastFailure ? (
        <div className="banner error" role="alert">
          {t('backups.failed', {
            at: formatDate(overview.lastFailure.at),
            message: overview.lastFailure.message,
          })}
        </div>
      ) : overview.overdue ? (
        <div className="banner error" role="alert">
          {t('backups.overdue', { at: formatDate(overview.lastScheduledAt ?? 0) })}
        </div>
      ) : null}
      <p className="field-hint">{t('backups.hint', { folder: overview.folder })}</p>
      <div className="actions left">
        <label>
          {t('backups.keep')}
          <input
            inputMode="numeric"
            maxLength={10}
            value={keep}
            aria-invalid={keepError !== null}
            onChange={(e) => setKeep(e.target.value)}
          />
        </label>
        <button type="button" onClick={() => void saveKeep()}>
          {t('backups.keepSave')}
        </button>
      </div>
      {keepError ? (
        <div className="field-error" role="alert">
          {keepError}
        </div>
      ) : null}
      {overview.backups.length === 0 ? (
        <p className="muted">{t('backups.empty')}</p>
      ) : (
        <table className="table" aria-label={t('backups.title')}>
          <thead>
            <tr>
              <th>{t('backups.takenAt')}</th>
              <th>{t('backups.kind')}</th>
              <th>{t('backups.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {overview.backups.map((b) => (
              <tr key={b.name} title={b.name}>
                <td>{formatDate(b.takenAt)}</td>
                <td>{t(`backups.kinds.${b.kind}`)}</td>
                <td>{formatSize(b.size)}</td>
                <td className="row-actions">
                  <button type="button" className="link" onClick={() => setRestoring(b)}>
                    {t('backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring ? (
        <Dialog
          title={t('backups.restoreTitle')}
          onClose={() => setRestoring(null)}
          footer={
            <>
              <button type="button" onClick={() => setRestoring(null)} disabled={busy}>
                {t('common.cancel')}
              </button>
              <button type="button" className="danger" onClick={() => void restore()} disabled={busy}>
                {t('backups.restoreConfirm')}
              </button>
            </>
          }
        >
          <p>
            {t('backups.restoreExplain', {
              at: formatDate(restoring.takenAt),
              size: formatSize(restoring.size),
            })}
          </p>
          {busy ? <WorkStatus busy={t('backups.restoring')} error={null} /> : null}
        </Dialog>
      ) : null}
    </>
  );
};
