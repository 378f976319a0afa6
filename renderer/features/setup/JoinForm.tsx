import { useState } from 'react';
import type { JoinPreview } from '../../../electron/shared/contract';
import { call } from '../../api';
import { formatDate } from '../../components/form';
import { useBundleProgress, WorkStatus } from '../../components/WorkStatus';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { readAsBase64 } from '../attachments/files';

/**
 * A new PC of a college that already keeps its ledger: it reads the join file another PC of the college (or
 * the department) made, shows which college and whose key made it, and joins on the person's confirmation.
 */
export const JoinForm = () => {
  const { t } = useI18n();
  const setStatus = useApp((s) => s.setStatus);
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [preview, setPreview] = useState<JoinPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useBundleProgress(busy !== null);

  const read = async (f: File | undefined) => {
    if (!f) return;
    setError(null);
    setPreview(null);
    setBusy(t('join.reading', { name: f.name }));
    try {
      const picked = { fileName: f.name, dataBase64: await readAsBase64(f) };
      setFile(picked);
      setPreview(await call('app.joinPreview', picked));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const join = async () => {
    if (!file || !preview) return;
    setBusy(t('join.joining'));
    try {
      setStatus(await call('app.join', { ...file, confirmFingerprint: preview.fingerprint }));
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  };

  return (
    <div className="join" data-testid="join">
      <p className="muted">{t('join.intro')}</p>
      <input
        type="file"
        name="joinFile"
        accept=".bfb"
        aria-label={t('join.pick')}
        disabled={busy !== null}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          void read(f);
        }}
      />
      <WorkStatus busy={busy} error={error} progress={progress} />
      {preview ? (
        <div className="report" data-testid="join-preview">
          <dl className="facts two">
            <dt>{t('join.college')}</dt>
            <dd>{preview.siteName}</dd>
            <dt>{t('join.madeBy')}</dt>
            <dd>{t(`join.by.${preview.madeBy}`)}</dd>
            <dt>{t('join.madeAt')}</dt>
            <dd>{formatDate(preview.createdAt)}</dd>
            <dt>{t('join.records')}</dt>
            <dd>{preview.records.toLocaleString()}</dd>
            <dt>{t('sync.fingerprint')}</dt>
            <dd className="mono" data-testid="join-fingerprint">
              {preview.fingerprint}
            </dd>
          </dl>
          <div className="banner">{t('join.check')}</div>
          <div className="actions">
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void join()}>
              {t('join.confirm')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
};
