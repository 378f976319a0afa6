import { useState } from 'react';
import type { ImportPreview, Input } from '../../../electron/shared/contract';
import { IMPORT_FILE_TYPES } from '../../../electron/shared/importFields';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/Field';
import { useBundleProgress, WorkStatus } from '../../components/WorkStatus';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';
import { useAgreementOptions, useAgreementWhileUnset } from '../../stores/agreementOptions';
import { useApp } from '../../stores/app';
import { readAsBase64 } from '../attachments/files';
import { ImportChoices } from './ImportChoices';
import { ImportRows } from './ImportRows';

/** Every choice the person makes in the preview; the commit sends the same, so it writes what was shown. */
export type ImportOptions = Pick<
  Input<'ledger.importPreview'>,
  'sheets' | 'columns' | 'typeMap' | 'defaultType' | 'fixes'
>;

const ACCEPT = [
  ...IMPORT_FILE_TYPES,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'text/csv',
].join(',');

export const ImportDialog = ({ onClose }: { onClose: () => void }) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const agreements = useAgreementOptions((s) => s.options);
  const changed = useActivityEditor((s) => s.changed);
  // The pages' agreement unless the person picks one here: the list may still be loading when the dialog opens.
  const [agreementId, setAgreementId] = useState(() => useAgreementOptions.getState().current);
  useAgreementWhileUnset(true, agreementId, setAgreementId);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useBundleProgress(busy !== null);

  const run = async (f: { name: string; data: string }, next: ImportOptions, rowsFrom = 0) => {
    setBusy(t('import.reading', { name: f.name }));
    setError(null);
    try {
      setPreview(
        await call('ledger.importPreview', {
          agreementId,
          fileName: f.name,
          dataBase64: f.data,
          ...next,
          rowsFrom,
        }),
      );
      setOptions(next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const choose = async (picked: File | undefined) => {
    if (!picked) return;
    const f = { name: picked.name, data: await readAsBase64(picked) };
    setFile(f);
    setPreview(null);
    await run(f, {});
  };

  // A cell fixed on a later page keeps the person on that page.
  const change = (patch: ImportOptions) =>
    file ? void run(file, { ...options, ...patch }, preview?.rowsFrom ?? 0) : undefined;
  const page = (rowsFrom: number) => (file ? void run(file, options, rowsFrom) : undefined);

  const ready = preview ? preview.counts.create + preview.counts.update : 0;

  const commit = async () => {
    if (!file || !preview) return;
    setBusy(t('import.commit', { count: ready }));
    try {
      const r = await call('ledger.importCommit', {
        agreementId,
        fileName: file.name,
        dataBase64: file.data,
        ...options,
        expected: { create: preview.counts.create, update: preview.counts.update },
      });
      changed();
      toast(t(r.layout === 'tasks' ? 'import.doneTasks' : 'import.done', r), { ms: 8000 });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog
      title={t('import.title')}
      onClose={onClose}
      wide
      // Column choices, type mappings and corrected cells are the person's work: closing asks first.
      dirty={Object.keys(options).length > 0}
      footer={(close) => (
        <>
          <button type="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={ready === 0 || busy !== null}
            onClick={() => void commit()}
          >
            {ready > 0 ? t('import.commit', { count: ready }) : t('import.nothing')}
          </button>
        </>
      )}
    >
      <div className="grid">
        <SelectField
          label={t('import.agreement')}
          name="importAgreement"
          value={agreementId}
          placeholder={t('common.choose')}
          options={agreements.map((a) => ({ value: a.id, label: a.title }))}
          onChange={(v) => {
            setAgreementId(v);
            setPreview(null);
            setFile(null);
          }}
          required
        />
        <label className="field">
          <span>{t('import.file')}</span>
          <input
            type="file"
            name="importFile"
            accept={ACCEPT}
            disabled={!agreementId || busy !== null}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              void choose(f);
            }}
          />
        </label>
      </div>
      <WorkStatus busy={busy} error={error} progress={progress} />
      {preview ? (
        <>
          <p className="muted" data-testid="import-layout">
            {preview.layoutNote}
          </p>
          <ImportChoices preview={preview} options={options} onChange={change} />
          <p role="status" data-testid="import-counts">
            {t('import.counts', preview.counts)}
          </p>
          <ImportRows
            preview={preview}
            onPage={page}
            onFix={(fix) =>
              change({
                fixes: [
                  ...(options.fixes ?? []).filter(
                    (f) => !(f.sheet === fix.sheet && f.row === fix.row && f.field === fix.field),
                  ),
                  fix,
                ],
              })
            }
          />
        </>
      ) : null}
    </Dialog>
  );
};
