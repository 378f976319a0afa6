import { create } from 'zustand';
import type { Institution } from '../../electron/shared/contract';
import { call } from '../api';

interface InstitutionState {
  all: Institution[];
  loaded: boolean;
  refresh(): Promise<void>;
  add(institution: Institution): void;
}

/** Every institution, for pickers and names; the list is small (a program has dozens, not thousands). */
export const useInstitutions = create<InstitutionState>((set, get) => ({
  all: [],
  loaded: false,
  async refresh() {
    set({ all: await call('institutions.list', {}), loaded: true });
  },
  add(institution) {
    set({
      all: [...get().all.filter((i) => i.id !== institution.id), institution].sort((a, b) =>
        a.name.localeCompare(b.name, 'zh-CN'),
      ),
    });
  },
}));
