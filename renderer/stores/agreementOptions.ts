import { create } from 'zustand';
import type { AgreementSummary } from '../../electron/shared/contract';
import { call } from '../api';

interface AgreementOptionsState {
  options: AgreementSummary[];
  loaded: boolean;
  /** The agreement the plan, ledger and secondment pages last worked on, so switching pages keeps it. */
  current: string;
  refresh(): Promise<void>;
  choose(id: string): void;
}

/** Agreements for pickers, newest first; the API pages at 500, far above what one site keeps. */
export const useAgreementOptions = create<AgreementOptionsState>((set, get) => ({
  options: [],
  loaded: false,
  current: '',
  async refresh() {
    const { rows } = await call('agreements.list', { sort: 'updatedAt', direction: 'desc', limit: 500 });
    const current = rows.some((r) => r.id === get().current) ? get().current : (rows[0]?.id ?? '');
    set({ options: rows, loaded: true, current });
  },
  choose(id) {
    set({ current: id });
  },
}));
