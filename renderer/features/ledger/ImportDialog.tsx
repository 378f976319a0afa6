import { useState } from 'react';
import type { ImportField, ImportPreview, Input } from '../../../electron/shared/contract';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/Field';
import { WorkStatus } from '../../components/WorkStatus';
import { useI18n } from '../../i18n';
import { useActivityEditor } from '../../stores/activityEditor';
import { useAgreementOptions } from '../../stores/agreementOptions';
import { useApp } from '../../stores/app';
import { readAsBase64 } from '../attachments/files';

type Mapping = Record<ImportField, number | null>;

const SHOWN_ROWS = 300;
/** Rows with problems first: those are what the user has to look at before importing. */
const ORDER = { error: 0, duplicate: 1, ok: 2 } as const;

const fieldLabelKey = (f: ImportField) => (f === 'online' ? 'activity.mode' : `activity.${f}`);

/** Column → field, from the preview's field → column. */
export const fieldOfColumn = (mapping: Mapping, column: number): ImportField | '' =>
  (Object.entries(mapping).find(([, c]) => c === column)?.[0] as ImportField | undefined) ?? '';

/** Gives a field to one column; a field maps to at most one column, so it leaves the column it had. */
export const assignColumn = (mapping: Mapping, column: number, field: ImportField | ''): Mapping => {
  const next = Object.fromEntries(
    Object.entries(mapping).map(([f, c]) => [f, c === column ? null : c]),
  ) as Mapping;
  if (field) next[field] = column;
  return next;
};

export const ImportDialog = ({ onClose }: { onClose: () => void }) => {
  const { t } = useI18n();
  const toast = useApp((s) => s.toast);
  const agreements = useAgreementOptions((s) => s.options);
  const changed = useActivityEditor((s) => s.changed);
  const [agreementId, setAgreementId] = useState(useAgreementOptions.getState().current);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (input: Omit<Input<'ledger.importPreview'>, 'agreementId'>) => {
    setBusy(t('import.reading', { name: input.fileName }));
    setError(null);
    try {
      setPreview(await call('ledger.importPreview', { agreementId, ...input }));
    } catch (e) {
      setPreview(null);
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const choose = async (f: File | undefined) => {
    if (!f) return;
    const data = await readAsBase64(f);
    setFile({ name: f.name, data });
    await run({ fileName: f.name, dataBase64: data });
  };

  const again = (patch: { sheet?: string; mapping?: Mapping }) =>
    file && preview
      ? run({
          fileName: file.name,
          dataBase64: file.data,
          sheet: patch.sheet ?? preview.sheet,
          ...(patch.mapping ? { mapping: patch.mapping } : patch.sheet ? {} : { mapping: preview.mapping }),
        })
      : undefined;

  const commit = async () => {
    if (!file || !preview) return;
    setBusy(t('import.commit', { count: preview.counts.valid }));
    try {
      const r = await call('ledger.importCommit', {
        agreementId,
        fileName: file.name,
        dataBase64: file.data,
        sheet: preview.sheet,
        mapping: preview.mapping,
      });
      changed();
      toast(t('import.done', r), { ms: 8000 });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const rows = preview
    ? [...preview.rows]
        .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.row - b.row)
        .slice(0, SHOWN_ROWS)
    : [];

  return (
    <Dialog
      title={t('import.title')}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!preview || preview.counts.valid === 0 || busy !== null}
            onClick={() => void commit()}
          >
            {preview && preview.counts.valid > 0
              ? t('import.commit', { count: preview.counts.valid })
              : t('import.nothing')}
          </button>
        </>
      }
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
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={!agreementId || busy !== null}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              void choose(f);
            }}
          />
        </label>
      </div>
      <WorkStatus busy={busy} error={error} />
      {preview ? (
        <>
          {preview.sheets.length > 1 ? (
            <SelectField
              label={t('import.sheet')}
              value={preview.sheet}
              options={preview.sheets.map((s) => ({ value: s, label: s }))}
              onChange={(sheet) => void again({ sheet })}
            />
          ) : null}
          <h3>{t('import.mapping')}</h3>
          <div className="mapping">
            {preview.headers.map((h, column) => (
              <label key={column} className="mapping-row">
                <span className="mapping-col">{h || `#${column + 1}`}</span>
                <select
                  aria-label={`${t('import.field')}：${h}`}
                  value={fieldOfColumn(preview.mapping, column)}
                  onChange={(e) =>
                    void again({
                      mapping: assignColumn(preview.mapping, column, e.target.value as ImportField | ''),
                    })
                  }
                >
                  <option value="">{t('import.unmapped')}</option>
                  {(Object.keys(preview.mapping) as ImportField[]).map((f) => (
                    <option key={f} value={f}>
                      {t(fieldLabelKey(f))}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <p role="status" data-testid="import-counts">
            {t('import.counts', preview.counts)}
          </p>
          <table className="table compact" aria-label={t('import.preview')}>
            <thead>
              <tr>
                <th>{t('import.row')}</th>
                <th>{t('import.status')}</th>
                <th>{t('activity.title')}</th>
                <th>{t('activity.type')}</th>
                <th>{t('activity.startDate')}</th>
                <th>{t('import.error')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row} className={`import-${r.status}`}>
                  <td>{r.row}</td>
                  <td>
                    <span className={`tag import-${r.status}`}>{t(`import.${r.status}`)}</span>
                  </td>
                  <td>{r.values.title ?? ''}</td>
                  <td>{r.values.type ?? ''}</td>
                  <td>{r.values.startDate ?? ''}</td>
                  <td className="errors">{r.errors.map((e) => e.message).join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Dialog>
  );
};
