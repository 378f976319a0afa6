import { create } from 'zustand';
import type {
  AgreementDetail,
  AgreementInput,
  AgreementSort,
  AgreementStatus,
  AgreementSummary,
  Input,
  ProgramType,
} from '../../electron/shared/contract';
import { call } from '../api';

export interface AgreementFilters {
  query: string;
  programType: ProgramType | '';
  status: AgreementStatus | '';
  year: string;
  sort: AgreementSort;
  direction: 'asc' | 'desc';
  offset: number;
}

export const PAGE_SIZE = 50;

/** Filters as the API takes them: empty choices left out, the year only when it is one. */
export const listInput = (f: AgreementFilters): Input<'agreements.list'> => ({
  ...(f.query.trim() ? { query: f.query.trim() } : {}),
  ...(f.programType ? { programType: f.programType } : {}),
  ...(f.status ? { status: f.status } : {}),
  ...(/^\d{4}$/.test(f.year) ? { year: Number(f.year) } : {}),
  sort: f.sort,
  direction: f.direction,
  limit: PAGE_SIZE,
  offset: f.offset,
});

interface AgreementListState {
  filters: AgreementFilters;
  rows: AgreementSummary[];
  total: number;
  loading: boolean;
  error: string | null;
  setFilters(patch: Partial<AgreementFilters>): void;
  sortBy(sort: AgreementSort): void;
  refresh(): Promise<void>;
  /** Creates (no id) or updates; the list is refetched so it shows what the database holds. */
  save(id: string | undefined, input: AgreementInput): Promise<AgreementDetail>;
  /** Tombstones it (agreements.delete); `restore` brings it back for the undo toast. */
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
}

let generation = 0;

export const useAgreementList = create<AgreementListState>((set, get) => ({
  filters: {
    query: '',
    programType: '',
    status: '',
    year: '',
    sort: 'updatedAt',
    direction: 'desc',
    offset: 0,
  },
  rows: [],
  total: 0,
  loading: false,
  error: null,
  setFilters(patch) {
    set({ filters: { ...get().filters, offset: 0, ...patch } });
    void get().refresh();
  },
  sortBy(sort) {
    const f = get().filters;
    get().setFilters({ sort, direction: f.sort === sort && f.direction === 'desc' ? 'asc' : 'desc' });
  },
  async refresh() {
    // Typing fast sends several searches; only the newest answer is shown.
    const mine = ++generation;
    set({ loading: true });
    try {
      const page = await call('agreements.list', listInput(get().filters));
      if (mine === generation) set({ rows: page.rows, total: page.total, loading: false, error: null });
    } catch (e) {
      if (mine === generation) set({ loading: false, error: (e as Error).message });
    }
  },
  async save(id, input) {
    const saved = id
      ? await call('agreements.update', { id, ...input })
      : await call('agreements.create', input);
    void get().refresh();
    return saved;
  },
  async remove(id) {
    await call('agreements.delete', { id });
    await get().refresh();
  },
  async restore(id) {
    await call('agreements.restore', { id });
    await get().refresh();
  },
}));
