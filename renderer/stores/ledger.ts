import { create } from 'zustand';
import type { ActivitySort, ActivityType, Input } from '../../electron/shared/contract';

export interface LedgerFilters {
  agreementId: string;
  type: ActivityType | '';
  from: string;
  to: string;
  department: string;
  evidence: '' | 'yes' | 'no';
  query: string;
  sort: ActivitySort;
  direction: 'asc' | 'desc';
}

export const LEDGER_PAGE = 100;

export const initialFilters: LedgerFilters = {
  agreementId: '',
  type: '',
  from: '',
  to: '',
  department: '',
  evidence: '',
  query: '',
  sort: 'startDate',
  direction: 'desc',
};

/** Filters as the API takes them: empty choices left out, half-typed dates ignored until complete. */
export const filterInput = (f: LedgerFilters) => {
  const day = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  return {
    ...(f.agreementId ? { agreementId: f.agreementId } : {}),
    ...(f.type ? { type: f.type } : {}),
    ...(day(f.from) ? { from: f.from } : {}),
    ...(day(f.to) ? { to: f.to } : {}),
    ...(f.department.trim() ? { department: f.department.trim() } : {}),
    ...(f.evidence ? { hasEvidence: f.evidence === 'yes' } : {}),
    ...(f.query.trim() ? { query: f.query.trim() } : {}),
    sort: f.sort,
    direction: f.direction,
  } satisfies Input<'activities.list'>;
};

export const pageInput = (f: LedgerFilters, page: number): Input<'activities.list'> => ({
  ...filterInput(f),
  limit: LEDGER_PAGE,
  offset: page * LEDGER_PAGE,
});

interface LedgerState {
  filters: LedgerFilters;
  setFilters(patch: Partial<LedgerFilters>): void;
  sortBy(sort: ActivitySort): void;
}

/**
 * The ledger's filters: shared, because the overview opens the ledger on a chart's type and month. The
 * rows themselves are the ledger page's own read (usePagedRead).
 */
export const useLedger = create<LedgerState>((set, get) => ({
  filters: initialFilters,
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
  },
  sortBy(sort) {
    const f = get().filters;
    // A new column starts in its natural order (latest dates first, names A to Z); the same one flips.
    const natural = sort === 'startDate' || sort === 'updatedAt' ? 'desc' : 'asc';
    const flipped = f.direction === 'asc' ? 'desc' : 'asc';
    get().setFilters({ sort, direction: f.sort === sort ? flipped : natural });
  },
}));
