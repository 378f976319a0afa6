import type { ActivityType, AnyImportField, ImportPreview } from '../../../electron/shared/contract';
import { IMPORT_FIELDS, TASK_IMPORT_FIELDS } from '../../../electron/shared/importFields';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import type { ImportOptions } from './ImportDialog';

/** The i18n key naming a field in the file's layout. */
export const fieldLabelKey = (layout: ImportPreview['layout'], f: AnyImportField): string => {
  if (layout === 'activities') return f === 'online' ? 'activity.mode' : `activity.${f}`;
  return f === 'plannedTime' || f === 'evidence' ? `import.${f}` : `task.${f}`;
};

export const fieldsOfLayout = (layout: ImportPreview['layout']): readonly AnyImportField[] =>
  layout === 'tasks' ? TASK_IMPORT_FIELDS : IMPORT_FIELDS;

/**
 * Gives a field to one header for the whole file; a field fills one column, so a header that had it
 * gives it up.
 */
export const assignField = (
  columns: ImportPreview['columns'],
  given: Record<string, AnyImportField | null>,
  header: string,
  field: AnyImportField | null,
): Record<string, AnyImportField | null> => {
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
            <label key={s.name}>
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
      <table className="table compact">
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
                        (e.target.value || null) as AnyImportField | null,
                      ),
                    })
                  }
                >
                  <option value="">{t('import.unmapped')}</option>
                  {fieldsOfLayout(preview.layout).map((f) => (
                    <option key={f} value={f}>
                      {t(fieldLabelKey(preview.layout, f))}
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
      {preview.layout === 'activities' ? (
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
      ) : null}
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
