import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { Activity, ActivitySort, ActivityType } from '../../../electron/shared/contract';
import { call } from '../../api';
import { useHotkeys, usePagedRead } from '../../components/hooks';
import { AgreementFilter } from '../../components/AgreementFilter';
import { useI18n } from '../../i18n';
import { enumValues } from '../../i18n/enums';
import { useActivityEditor } from '../../stores/activityEditor';
import { useAgreementOptions } from '../../stores/agreementOptions';
import { filterInput, initialFilters, LEDGER_PAGE, pageInput, useLedger } from '../../stores/ledger';
import { ExportButton } from './ExportButton';
import { ImportDialog } from './ImportDialog';

const ROW_HEIGHT = 52;

const people = (a: Activity) => {
  const n = (a.teachers ?? 0) + (a.students ?? 0) + (a.cadres ?? 0);
  return n > 0 ? String(n) : '—';
};

const dates = (a: Activity) =>
  a.endDate && a.endDate !== a.startDate ? `${a.startDate} — ${a.endDate}` : a.startDate;

/** Every activity, filtered and searched; rows are fetched a page at a time as they scroll into view. */
export const LedgerPage = () => {
  const { t, label } = useI18n();
  const { filters, setFilters, sortBy } = useLedger();
  const openNew = useActivityEditor((s) => s.openNew);
  const openEdit = useActivityEditor((s) => s.openEdit);
  // A saved activity (version) reads the list again under the same filters.
  const version = useActivityEditor((s) => s.version);
  const { total, pages, error, ensure } = usePagedRead(
    `${version}\u0000${JSON.stringify(filterInput(filters))}`,
    (page) => call('activities.list', pageInput(filters, page)),
  );
  const [query, setQuery] = useState(filters.query);
  const [importing, setImporting] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);

  // Typing settles for a moment before the search runs: each keystroke would otherwise query.
  useEffect(() => {
    if (query === useLedger.getState().filters.query) return;
    const timer = setTimeout(() => setFilters({ query }), 250);
    return () => clearTimeout(timer);
  }, [query, setFilters]);

  const newActivity = () => openNew(filters.agreementId || useAgreementOptions.getState().current);
  useHotkeys({ new: newActivity, search: () => search.current?.focus() });

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's own API; the compiler skips this component, as it should
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (!total) return;
    for (let p = Math.floor(first / LEDGER_PAGE); p <= Math.floor(last / LEDGER_PAGE); p++) ensure(p);
  }, [first, last, total, ensure]);

  const filtered =
    JSON.stringify({ ...filters, sort: '', direction: '' }) !==
    JSON.stringify({ ...initialFilters, sort: '', direction: '' });
  const sortHead = (sort: ActivitySort, text: string) => (
    <button
      type="button"
      className={`th-sort${filters.sort === sort ? ' active' : ''}`}
      aria-sort={filters.sort === sort ? (filters.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      onClick={() => sortBy(sort)}
    >
      {text}
      {filters.sort === sort ? (filters.direction === 'asc' ? ' ↑' : ' ↓') : ''}
    </button>
  );

  return (
    <div className="page ledger" data-testid="ledger">
      <div className="page-head">
        <h1>{t('ledger.title')}</h1>
        <div className="actions">
          <ExportButton />
          <button type="button" onClick={() => setImporting(true)}>
            {t('ledger.import')}
          </button>
          <button type="button" className="primary" onClick={newActivity}>
            {t('activity.new')}
          </button>
        </div>
      </div>
      <div className="filters">
        <input
          ref={search}
          type="search"
          className="search"
          aria-label={t('common.search')}
          placeholder={t('ledger.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <AgreementFilter
          label={t('activity.agreement')}
          allLabel={t('ledger.allAgreements')}
          value={filters.agreementId}
          onChange={(agreementId) => setFilters({ agreementId })}
        />
        <select
          aria-label={t('activity.type')}
          value={filters.type}
          onChange={(e) => setFilters({ type: e.target.value as ActivityType | '' })}
        >
          <option value="">{t('ledger.allTypes')}</option>
          {enumValues('activityType').map((v) => (
            <option key={v} value={v}>
              {label('activityType', v)}
            </option>
          ))}
        </select>
        <label className="inline">
          {t('ledger.from')}
          <input type="date" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
        </label>
        <label className="inline">
          {t('ledger.to')}
          <input type="date" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
        </label>
        <input
          aria-label={t('ledger.department')}
          placeholder={t('ledger.department')}
          value={filters.department}
          onChange={(e) => setFilters({ department: e.target.value })}
        />
        <select
          aria-label={t('ledger.evidence')}
          value={filters.evidence}
          onChange={(e) => setFilters({ evidence: e.target.value as '' | 'yes' | 'no' })}
        >
          <option value="">
            {t('ledger.evidence')}：{t('common.all')}
          </option>
          <option value="yes">{t('ledger.withEvidence')}</option>
          <option value="no">{t('ledger.withoutEvidence')}</option>
        </select>
        {filtered ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              setQuery('');
              setFilters({ ...initialFilters, sort: filters.sort, direction: filters.direction });
            }}
          >
            {t('ledger.clearFilters')}
          </button>
        ) : null}
      </div>
      {error ? <div className="banner error">{error}</div> : null}
      <p className="muted" role="status">
        {total === null ? t('app.loading') : t('ledger.count', { total })}
      </p>
      {total === 0 ? (
        <div className="empty">{filtered ? t('ledger.emptyFiltered') : t('ledger.empty')}</div>
      ) : (
        <div className="vtable" role="table" aria-label={t('ledger.title')} aria-rowcount={total ?? 0}>
          <div className="vrow vhead" role="row">
            <div role="columnheader">{sortHead('startDate', t('ledger.date'))}</div>
            <div role="columnheader">{sortHead('type', t('activity.type'))}</div>
            <div role="columnheader">{sortHead('title', t('activity.title'))}</div>
            <div role="columnheader">{t('activity.department')}</div>
            <div role="columnheader">{t('ledger.people')}</div>
            <div role="columnheader">{t('activity.evidence')}</div>
          </div>
          <div className="vbody" ref={scroller}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const a = pages[Math.floor(item.index / LEDGER_PAGE)]?.[item.index % LEDGER_PAGE];
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className="vrow"
                    tabIndex={a ? 0 : -1}
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      right: 0,
                      height: ROW_HEIGHT,
                      transform: `translateY(${item.start}px)`,
                    }}
                    onClick={() => a && openEdit(a.id)}
                    onKeyDown={(e) => {
                      if (a && e.key === 'Enter') openEdit(a.id);
                    }}
                  >
                    {a ? (
                      <>
                        <div role="cell" className="nowrap">
                          {dates(a)}
                        </div>
                        <div role="cell">
                          <span className="tag">{label('activityType', a.type)}</span>
                        </div>
                        <div role="cell" className="title-cell">
                          <strong>{a.title}</strong>
                          <small className="muted">
                            {a.online ? (a.platform ?? t('activity.online')) : (a.place ?? '')}
                          </small>
                        </div>
                        <div role="cell">{a.department ?? '—'}</div>
                        <div role="cell">{people(a)}</div>
                        <div role="cell">{a.evidenceCount > 0 ? `📎 ${a.evidenceCount}` : '—'}</div>
                      </>
                    ) : (
                      <div role="cell" className="muted">
                        {t('app.loading')}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </div>
  );
};
