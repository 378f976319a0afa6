import { useCallback, useEffect, useState } from 'react';
import type { InboxEntry, SyncSettings } from '../../../electron/shared/schemas/sync';
import { call } from '../../api';
import { TextField } from '../../components/Field';
import { useFormState } from '../../components/FormDialog';
import { useRead } from '../../components/hooks';
import { formatDate } from '../../components/form';
import { useBundleProgress, WorkStatus } from '../../components/WorkStatus';
import { useI18n } from '../../i18n';
import { useApp } from '../../stores/app';
import { BundleSummary } from './BundleSummary';

/**
 * The department's own sync options: the oldest version it accepts, and the folder it watches. The form
 * shows once the saved options are read: shown before, what a person typed was replaced by the late answer
 * (and saving first stored the empty form over the saved folder).
 */
const DepartmentSettings = ({
  saved,
  error,
  onSaved,
}: {
  saved: SyncSettings | null;
  error: string | null;
  onSaved: (s: SyncSettings) => void;
}) => {
  const { t } = useI18n();
  return (
    <section className="section" aria-label={t('deptSettings.title')}>
      <h2>{t('deptSettings.title')}</h2>
      {saved ? (
        <DepartmentSettingsForm saved={saved} onSaved={onSaved} />
      ) : (
        <WorkStatus busy={error ? null : t('app.loading')} error={error} />
      )}
    </section>
  );
};

const DepartmentSettingsForm = ({
  saved,
  onSaved,
}: {
  saved: SyncSettings;
  onSaved: (s: SyncSettings) => void;
}) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const form = useFormState({
    minAppVersion: saved.minAppVersion ?? '',
    inboxFolder: saved.inboxFolder ?? '',
  });
  const save = () =>
    form.submit(async () => {
      const next = await call('sync.saveSettings', {
        minAppVersion: form.values.minAppVersion.trim() || null,
        inboxFolder: form.values.inboxFolder.trim() || null,
      });
      toast(t('deptSettings.saved'));
      onSaved(next);
    });

  return (
    <form
      className="grid"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {form.failure ? (
        <div className="banner error wide" role="alert">
          {form.failure.message}
        </div>
      ) : null}
      <TextField
        label={t('deptSettings.minVersion')}
        name="minAppVersion"
        placeholder="1.0.0"
        hint={t('deptSettings.minVersionHint')}
        {...form.bind('minAppVersion')}
      />
      <TextField
        label={t('deptSettings.inboxFolder')}
        name="inboxFolder"
        wide
        {...form.bind('inboxFolder')}
      />
      <div className="actions left wide">
        <button type="submit">{t('common.save')}</button>
      </div>
    </form>
  );
};

/** Bundles found in the watched folder, each with its dry run, applied one at a time on confirmation. */
export const Inbox = ({ onImported }: { onImported: () => void }) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const [entries, setEntries] = useState<InboxEntry[]>([]);
  // The folder as read when the page opened, until the person saves another: an answer arriving late
  // never replaces what was just saved.
  const settings = useRead('sync.settings', () => call('sync.settings', {}));
  const [savedFolder, setSavedFolder] = useState<string | null | undefined>(undefined);
  const folder = savedFolder === undefined ? (settings.data?.inboxFolder ?? null) : savedFolder;
  // Until the settings are read, "no folder yet" would be a guess.
  const known = savedFolder !== undefined || settings.data !== null;
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useBundleProgress(busy !== null);

  const scan = useCallback(async () => {
    setError(null);
    try {
      setEntries(await call('inbox.scan', {}));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    if (!folder) return;
    let live = true;
    call('inbox.scan', {}).then(
      (found) => live && setEntries(found),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [folder]);

  const apply = async (entry: InboxEntry) => {
    const report = entry.report;
    if (!report) return;
    setBusy(t('sync.doImport'));
    setError(null);
    try {
      const done = await call('inbox.import', {
        path: entry.path,
        ...(report.newDevice ? { confirmFingerprint: report.fingerprint } : {}),
      });
      toast(t('sync.imported', done.summary), { ms: 8000 });
      await scan();
      onImported();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <section className="section" aria-label={t('inbox.title')}>
        <h2>{t('inbox.title')}</h2>
        {folder ? (
          <p className="muted small mono">
            {folder}{' '}
            <button type="button" className="link" onClick={() => void scan()}>
              {t('inbox.scan')}
            </button>
          </p>
        ) : known ? (
          <p className="muted">{t('inbox.noFolder')}</p>
        ) : null}
        <WorkStatus busy={busy} error={error} progress={progress} />
        {folder && entries.length === 0 ? <p className="muted">{t('inbox.empty')}</p> : null}
        {entries.map((entry) => (
          <div key={entry.path} className="report" data-testid="inbox-entry">
            <div>
              <span className={`tag inbox-${entry.state}`}>{t(`inbox.states.${entry.state}`)}</span>{' '}
              <span className="mono small">{entry.fileName}</span>{' '}
              <span className="muted small">{formatDate(entry.seenAt)}</span>
            </div>
            {entry.message ? <div className="small bad">{entry.message}</div> : null}
            {entry.state === 'ready' && entry.report ? (
              <>
                {entry.report.newDevice ? (
                  <div className="banner">
                    {t('sync.newDevice')} <span className="mono">{entry.report.fingerprint}</span>
                  </div>
                ) : null}
                <BundleSummary summary={entry.report.summary} />
                <div className="actions left">
                  <button
                    type="button"
                    className="primary"
                    disabled={busy !== null}
                    onClick={() => void apply(entry)}
                  >
                    {entry.report.newDevice ? t('sync.confirmImport') : t('sync.doImport')}
                  </button>
                </div>
              </>
            ) : null}
          </div>
        ))}
      </section>
      <DepartmentSettings
        saved={settings.data}
        error={settings.error}
        onSaved={(s) => setSavedFolder(s.inboxFolder)}
      />
    </>
  );
};
