import { create } from 'zustand';
import type { Activity, ActivitySort, ActivityType, Input } from '../../electron/shared/contract';
import { call } from '../api';

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
  total: number | null;
  /** Loaded pages by index: the list asks only for the pages scrolled into view. */
  pages: Record<number, Activity[]>;
  error: string | null;
  setFilters(patch: Partial<LedgerFilters>): void;
  sortBy(sort: ActivitySort): void;
  reload(): Promise<void>;
  ensurePage(page: number): Promise<void>;
}

let generation = 0;
const inFlight = new Set<string>();

export const useLedger = create<LedgerState>((set, get) => ({
  filters: initialFilters,
  total: null,
  pages: {},
  error: null,
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    void get().reload();
  },
  sortBy(sort) {
    const f = get().filters;
    // A new column starts in its natural order (latest dates first, names A to Z); the same one flips.
    const natural = sort === 'startDate' || sort === 'updatedAt' ? 'desc' : 'asc';
    const flipped = f.direction === 'asc' ? 'desc' : 'asc';
    get().setFilters({ sort, direction: f.sort === sort ? flipped : natural });
  },
  async reload() {
    const mine = ++generation;
    try {
      const { rows, total } = await call('activities.list', pageInput(get().filters, 0));
      if (mine === generation) set({ total, pages: { 0: rows }, error: null });
    } catch (e) {
      if (mine === generation) set({ error: (e as Error).message });
    }
  },
  async ensurePage(page) {
    const mine = generation;
    const key = `${mine}:${page}`;
    if (get().pages[page] || inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const { rows, total } = await call('activities.list', pageInput(get().filters, page));
      if (mine === generation) set({ total, pages: { ...get().pages, [page]: rows } });
    } catch (e) {
      if (mine === generation) set({ error: (e as Error).message });
    } finally {
      inFlight.delete(key);
    }
  },
}));
