import { useEffect, useRef } from 'react';
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

/**
 * A new record's agreement while its form has never held one: the pages' current agreement, once the list
 * that sets it arrives. A form opened before the list came (a busy machine, the first page of a session)
 * would otherwise keep an empty agreement until the person chose it. A chosen or loaded agreement is never
 * replaced, and `fill` is the form's own prefill, so the untouched form stays clean.
 */
export const useAgreementWhileUnset = (isNew: boolean, value: string, fill: (id: string) => void): void => {
  const current = useAgreementOptions((s) => s.current);
  const held = useRef(!isNew || value !== '');
  useEffect(() => {
    if (value !== '') held.current = true;
    if (held.current || current === '') return;
    held.current = true;
    fill(current);
  }, [value, current, fill]);
};
