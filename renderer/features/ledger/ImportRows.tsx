import { useState } from 'react';
import type { AnyImportField, ImportPreview, ImportRow } from '../../../electron/shared/contract';
import { PREVIEW_ROWS as PAGE } from '../../../electron/shared/importFields';
import { useI18n } from '../../i18n';
import { fieldLabelKey, fieldsOfLayout } from './ImportChoices';

type Fix = { sheet: string; row: number; field: AnyImportField; text: string };

const shown = (v: ImportRow['values'][AnyImportField], t: (key: string) => string): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'boolean'
      ? t(v ? 'activity.online' : 'activity.offline')
      : String(v);

/** The fields the preview has a column for, in the ledger's order, with the end date a range fills. */
const fieldsOf = (preview: ImportPreview): AnyImportField[] => {
  const mapped = new Set(preview.columns.flatMap((c) => (c.field ? [c.field] : [])));
  if (mapped.has('startDate')) mapped.add('endDate');
  // A task always has a category and a status, read from its other cells when it has no column for them.
  if (preview.layout === 'tasks') ['category', 'status'].forEach((f) => mapped.add(f as AnyImportField));
  return fieldsOfLayout(preview.layout).filter((f) => mapped.has(f));
};

/** One cell of the preview: the value that will be written, and the way to correct the cell it came from. */
const ValueCell = ({
  r,
  field,
  label,
  onFix,
}: {
  r: ImportRow;
  field: AnyImportField;
  label: string;
  onFix: (fix: Fix) => void;
}) => {
  const { t } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const flagged = [...r.warnings, ...r.errors].some((i) => i.field === field);
  const name = t('import.editCell', { sheet: r.sheet, row: r.row, field: label });
  if (text !== null)
    return (
      <td>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onFix({ sheet: r.sheet, row: r.row, field, text });
            setText(null);
          }}
        >
          <input
            aria-label={name}
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setText(null)}
          />
          <button type="submit">{t('import.apply')}</button>
        </form>
      </td>
    );
  // The value itself opens the editor: every cell can be corrected, flagged ones are highlighted.
  return (
    <td className={flagged ? 'import-flagged' : undefined}>
      <button
        type="button"
        className="link"
        aria-label={name}
        title={t('import.edit')}
        onClick={() => setText(r.raw[field] ?? '')}
      >
        {shown(r.values[field], t) || '—'}
      </button>
    </td>
  );
};

/** The rows listed are a page of all of them (problems first): the way to the others. */
const Pager = ({ preview, onPage }: { preview: ImportPreview; onPage: (rowsFrom: number) => void }) => {
  const { t } = useI18n();
  const from = preview.rowsFrom;
  const size = preview.rows.length;
  const total = preview.counts.total;
  if (from === 0 && size >= total) return null;
  return (
    <p className="small muted" data-testid="import-pages">
      {t('import.more', { from: from + 1, to: from + size, total })}{' '}
      <button
        type="button"
        className="link"
        disabled={from === 0}
        onClick={() => onPage(Math.max(0, from - PAGE))}
      >
        {t('import.previousPage')}
      </button>{' '}
      <button
        type="button"
        className="link"
        disabled={from + size >= total}
        onClick={() => onPage(from + PAGE)}
      >
        {t('import.nextPage')}
      </button>
    </p>
  );
};

/** Per row what will be written, its result and its warnings; a cell can be corrected here. */
export const ImportRows = ({
  preview,
  onFix,
  onPage,
}: {
  preview: ImportPreview;
  onFix: (fix: Fix) => void;
  onPage: (rowsFrom: number) => void;
}) => {
  const { t } = useI18n();
  const fields = fieldsOf(preview);
  return (
    <>
      <Pager preview={preview} onPage={onPage} />
      <div className="import-scroll">
        <table className="table compact" aria-label={t('import.preview')}>
          <thead>
            <tr>
              <th>{t('import.row')}</th>
              <th>{t('import.status')}</th>
              {fields.map((f) => (
                <th key={f}>{t(fieldLabelKey(preview.layout, f))}</th>
              ))}
              <th>{t('import.issues')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={`${r.sheet}\u0000${r.row}`} className={`import-${r.status}`}>
                <td className="nowrap">
                  {r.sheet} {r.row}
                </td>
                <td className="nowrap">
                  <span className={`tag import-${r.status}`}>{t(`import.${r.status}`)}</span>
                </td>
                {fields.map((f) => (
                  <ValueCell
                    key={f}
                    r={r}
                    field={f}
                    label={t(fieldLabelKey(preview.layout, f))}
                    onFix={onFix}
                  />
                ))}
                <td className="errors">{[...r.errors, ...r.warnings].map((e) => e.message).join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
};
