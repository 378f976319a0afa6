import { useState } from 'react';
import type { Locale } from '../../../electron/shared/contract';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { BackupSection } from './BackupSection';
import { IntegrityStatusLine } from './IntegrityStatusLine';

export const SettingsPage = () => {
  const { t, label } = useI18n();
  const status = useApp((s) => s.status)!;
  const changeLocale = useApp((s) => s.changeLocale);
  const toast = useApp((s) => s.toast);
  const integrityCheck = useApp((s) => s.integrityCheck);
  const backup = useApp((s) => s.backup);
  const [busy, setBusy] = useState(false);
  const [backups, setBackups] = useState(0);
  const [checks, setChecks] = useState(0);

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    try {
      toast(await fn());
    } catch (e) {
      toast((e as Error).message, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page">
      <h1>{t('settings.title')}</h1>
      <dl className="facts">
        <dt>{t('settings.mode')}</dt>
        <dd>{status.mode ? label('appMode', status.mode) : '—'}</dd>
        <dt>{t('settings.site')}</dt>
        <dd>{status.siteName}</dd>
        <dt>{t('settings.device')}</dt>
        <dd className="mono">{status.deviceId}</dd>
        <dt>{t('settings.fingerprint')}</dt>
        <dd>
          <span className="mono" data-testid="fingerprint">
            {status.keyFingerprint}
          </span>
          <div className="field-hint">{t('settings.fingerprintHint')}</div>
        </dd>
        <dt>{t('settings.dataPath')}</dt>
        <dd className="mono">{status.dataPath}</dd>
        <dt>{t('settings.version')}</dt>
        <dd>
          {status.appVersion} · schema {status.schemaVersion}
        </dd>
      </dl>
      <h2>{t('settings.language')}</h2>
      <div className="segmented" role="radiogroup" aria-label={t('settings.language')}>
        {(['zh-CN', 'en'] as Locale[]).map((l) => (
          <button
            key={l}
            lang={l}
            type="button"
            role="radio"
            aria-checked={status.locale === l}
            className={status.locale === l ? 'active' : ''}
            onClick={() => void changeLocale(l)}
          >
            {l === 'zh-CN' ? '中文' : 'English'}
          </button>
        ))}
      </div>
      <h2>{t('settings.maintenance')}</h2>
      <div className="actions left">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const problems = await integrityCheck();
              setChecks((n) => n + 1);
              return problems.length === 0 ? t('settings.integrityOk') : problems.join('；');
            })
          }
        >
          {t('settings.integrity')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const file = await backup();
              setBackups((n) => n + 1);
              return t('settings.backupDone', { file });
            })
          }
        >
          {t('settings.backup')}
        </button>
      </div>
      <IntegrityStatusLine version={checks} />
      <BackupSection version={backups} />
    </section>
  );
};
