import { useMemo, useRef, useState } from 'react';
import type { Institution } from '../../../electron/shared/contract';
import { useHotkeys } from '../../components/hooks';
import { matchInstitutions } from '../../components/institutionSearch';
import { useI18n } from '../../i18n';
import { useInstitutions } from '../../stores/institutions';
import { InstitutionDialog } from './InstitutionDialog';

export const InstitutionsPage = () => {
  const { t, label } = useI18n();
  const all = useInstitutions((s) => s.all);
  const loaded = useInstitutions((s) => s.loaded);
  const error = useInstitutions((s) => s.error);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Institution | 'new' | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => matchInstitutions(all, query), [all, query]);
  useHotkeys({ new: () => setEditing('new'), search: () => search.current?.focus() });

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('institution.title')}</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('institution.new')}
        </button>
      </div>
      <input
        ref={search}
        className="search"
        type="search"
        aria-label={t('common.search')}
        placeholder={t('institution.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {error ? <div className="banner error">{error}</div> : null}
      {!loaded && !error ? (
        <p className="muted">{t('app.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('institution.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('institution.name')}</th>
              <th>{t('institution.shortName')}</th>
              <th>{t('institution.kind')}</th>
              <th>{t('institution.region')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>{i.shortName ?? '—'}</td>
                <td>{label('institutionKind', i.kind)}</td>
                <td>{i.region ?? '—'}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => setEditing(i)}>
                    {t('common.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <InstitutionDialog
          {...(editing === 'new' ? {} : { institution: editing })}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
};
