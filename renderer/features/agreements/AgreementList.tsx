import { useEffect, useRef } from 'react';
import type { AgreementSort } from '../../../electron/shared/contract';
import { formatDate } from '../../components/form';
import { useHotkeys } from '../../components/hooks';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { PAGE_SIZE, useAgreementList } from '../../stores/agreements';
import { useApp } from '../../stores/app';

export const AgreementList = () => {
  const { t, label } = useI18n();
  const { filters, rows, total, loading, error, setFilters, sortBy, refresh } = useAgreementList();
  const go = useApp((s) => s.go);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useHotkeys({ new: () => go({ page: 'agreementForm' }), search: () => search.current?.focus() });

  const filtered = Boolean(filters.query || filters.programType || filters.status || filters.year);
  const header = (key: AgreementSort, text: string) => (
    <th
      aria-sort={filters.sort === key ? (filters.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort" onClick={() => sortBy(key)}>
        {text}
        {filters.sort === key ? (filters.direction === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );

  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('agreement.list')}</h1>
        <button
          type="button"
          className="primary"
          onClick={() => go({ page: 'agreementForm' })}
          title="Ctrl+N"
        >
          {t('agreement.new')}
        </button>
      </div>
      <div className="filters">
        <input
          ref={search}
          className="search"
          type="search"
          aria-label={t('common.search')}
          placeholder={t('agreement.searchPlaceholder')}
          value={filters.query}
          onChange={(e) => setFilters({ query: e.target.value })}
        />
        <select
          aria-label={t('agreement.programType')}
          value={filters.programType}
          onChange={(e) => setFilters({ programType: e.target.value as typeof filters.programType })}
        >
          <option value="">
            {t('agreement.programType')}：{t('common.all')}
          </option>
          {enumValues('programType').map((v) => (
            <option key={v} value={v}>
              {label('programType', v)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('agreement.status')}
          value={filters.status}
          onChange={(e) => setFilters({ status: e.target.value as typeof filters.status })}
        >
          <option value="">
            {t('agreement.status')}：{t('common.all')}
          </option>
          {enumValues('agreementStatus').map((v) => (
            <option key={v} value={v}>
              {label('agreementStatus', v)}
            </option>
          ))}
        </select>
        <input
          className="year"
          aria-label={t('agreement.year')}
          placeholder={t('agreement.year')}
          inputMode="numeric"
          maxLength={4}
          value={filters.year}
          onChange={(e) => setFilters({ year: e.target.value.normalize('NFKC').replace(/\D/g, '') })}
        />
      </div>
      {error ? <div className="banner error">{error}</div> : null}
      {rows.length === 0 && !loading ? (
        <div className="empty">
          <p>{filtered ? t('agreement.emptyFiltered') : t('agreement.empty')}</p>
          {!filtered ? (
            <button type="button" className="primary" onClick={() => go({ page: 'agreementForm' })}>
              {t('agreement.new')}
            </button>
          ) : null}
        </div>
      ) : (
        <table className="table" aria-busy={loading}>
          <thead>
            <tr>
              {header('title', t('agreement.title'))}
              {header('programType', t('agreement.programType'))}
              <th>{t('agreement.supporters')}</th>
              <th>{t('agreement.receivers')}</th>
              {header('periodStart', t('agreement.period'))}
              {header('status', t('agreement.status'))}
              <th className="num">{t('agreement.tasks')}</th>
              {header('updatedAt', t('agreement.updated'))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="clickable" onClick={() => go({ page: 'agreement', id: r.id })}>
                <td>
                  <a
                    href={`#agreement/${r.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      go({ page: 'agreement', id: r.id });
                    }}
                  >
                    {r.title}
                  </a>
                </td>
                <td>{label('programType', r.programType)}</td>
                <td>{r.supporters.join('、')}</td>
                <td>{r.receivers.join('、')}</td>
                <td className="nowrap">
                  {r.periodStart} — {r.periodEnd}
                </td>
                <td>
                  <span className={`tag status-${r.status}`}>{label('agreementStatus', r.status)}</span>
                </td>
                <td className="num">{r.taskCount}</td>
                <td className="nowrap muted">{formatDate(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE_SIZE ? (
        <div className="pager">
          <button
            type="button"
            disabled={filters.offset === 0}
            onClick={() => setFilters({ offset: Math.max(0, filters.offset - PAGE_SIZE) })}
          >
            {t('common.previous')}
          </button>
          <span>
            {t('common.pageOf', {
              from: filters.offset + 1,
              to: Math.min(total, filters.offset + PAGE_SIZE),
              total,
            })}
          </span>
          <button
            type="button"
            disabled={filters.offset + PAGE_SIZE >= total}
            onClick={() => setFilters({ offset: filters.offset + PAGE_SIZE })}
          >
            {t('common.next')}
          </button>
        </div>
      ) : total > 0 ? (
        <div className="pager muted" data-testid="total">
          {t('common.total', { total })}
        </div>
      ) : null}
    </section>
  );
};
