import type { ActivityType, ImportField, ImportPreview } from '../../../electron/shared/contract';
import { IMPORT_FIELDS } from '../../../electron/shared/importFields';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import type { ImportOptions } from './ImportDialog';

export const fieldLabelKey = (f: ImportField) => (f === 'online' ? 'activity.mode' : `activity.${f}`);

/**
 * Gives a field to one header for the whole file; a field fills one column, so a header that had it
 * gives it up.
 */
export const assignField = (
  columns: ImportPreview['columns'],
  given: Record<string, ImportField | null>,
  header: string,
  field: ImportField | null,
): Record<string, ImportField | null> => {
  const next = { ...given, [header]: field };
  for (const c of columns) if (field && c.header !== header && c.field === field) next[c.header] = null;
  return next;
};

/** The sheets read, how each column was understood, the types to map: each change previews again. */
export const ImportChoices = ({
  preview,
  options,
  onChange,
}: {
  preview: ImportPreview;
  options: ImportOptions;
  onChange: (patch: ImportOptions) => void;
}) => {
  const { t, label } = useI18n();
  const types = enumValues('activityType');
  const chosen = preview.sheets.filter((s) => s.chosen).map((s) => s.name);
  return (
    <>
      {preview.sheets.length > 1 ? (
        <fieldset className="import-sheets">
          <legend>{t('import.sheets')}</legend>
          {preview.sheets.map((s) => (
            <label key={s.name} className="check">
              <input
                type="checkbox"
                checked={s.chosen}
                onChange={(e) =>
                  onChange({
                    sheets: e.target.checked ? [...chosen, s.name] : chosen.filter((n) => n !== s.name),
                  })
                }
              />
              {s.name}
              <span className="small muted">
                {' '}
                {t('import.sheetRows', { rows: s.rows })}
                {s.note ? `，${s.note}` : ''}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <h3>{t('import.mapping')}</h3>
      <table className="table compact mapping">
        <thead>
          <tr>
            <th>{t('import.column')}</th>
            <th>{t('import.field')}</th>
            <th>{t('import.understood')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.columns.map((c) => (
            <tr key={c.header}>
              <td>{c.header}</td>
              <td>
                <select
                  aria-label={`${t('import.field')}：${c.header}`}
                  value={c.field ?? ''}
                  onChange={(e) =>
                    onChange({
                      columns: assignField(
                        preview.columns,
                        options.columns ?? {},
                        c.header,
                        (e.target.value || null) as ImportField | null,
                      ),
                    })
                  }
                >
                  <option value="">{t('import.unmapped')}</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {t(fieldLabelKey(f))}
                    </option>
                  ))}
                </select>
              </td>
              <td className="small muted">{c.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.unknownTypes.length > 0 ? <h3>{t('import.types')}</h3> : null}
      <div className="grid">
        {preview.unknownTypes.map((u) => (
          <label key={u.text} className="field">
            <span>{t('import.typeFor', u)}</span>
            <select
              value={options.typeMap?.[u.text] ?? ''}
              onChange={(e) => {
                const typeMap = { ...options.typeMap };
                if (e.target.value) typeMap[u.text] = e.target.value as ActivityType;
                else delete typeMap[u.text];
                onChange({ typeMap });
              }}
            >
              <option value="">{t('import.typeUnset')}</option>
              {types.map((v) => (
                <option key={v} value={v}>
                  {label('activityType', v)}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="field">
          <span>{t('import.defaultType')}</span>
          <select
            value={options.defaultType ?? ''}
            onChange={(e) => onChange({ defaultType: (e.target.value || null) as ActivityType | null })}
          >
            <option value="">{t('import.noDefault')}</option>
            {types.map((v) => (
              <option key={v} value={v}>
                {label('activityType', v)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {preview.skipped.length > 0 ? (
        <>
          <h3>{t('import.skipped')}</h3>
          <ul className="small muted" data-testid="import-skipped">
            {preview.skipped.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
};
