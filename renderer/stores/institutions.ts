import { create } from 'zustand';
import type { Input, Institution } from '../../electron/shared/contract';
import { call } from '../api';

interface InstitutionState {
  all: Institution[];
  loaded: boolean;
  error: string | null;
  refresh(): Promise<void>;
  /** Creates (no id) or updates, then refetches the list every picker reads. */
  save(id: string | undefined, values: Input<'institutions.create'>): Promise<Institution>;
}

/** Every institution, for pickers and names; the list is small (a program has dozens, not thousands). */
export const useInstitutions = create<InstitutionState>((set, get) => ({
  all: [],
  loaded: false,
  error: null,
  async refresh() {
    try {
      set({ all: await call('institutions.list', {}), loaded: true, error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
  async save(id, values) {
    const saved = id
      ? await call('institutions.update', { id, ...values })
      : await call('institutions.create', values);
    await get().refresh();
    return saved;
  },
}));
