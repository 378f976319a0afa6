import { create } from 'zustand';
import { call } from '../api';

// The year the overview and the annual report look at: one choice for both pages, remembered across starts.
// Until someone chooses, it is the latest year that has records (a ledger of 2023 opens on 2023 in 2026).

const KEY = 'bangfu-ledger.reportYear';
const valid = (y: number) => Number.isInteger(y) && y >= 2000 && y <= 2100;

const remembered = (): number | null => {
  try {
    const y = Number(window.localStorage.getItem(KEY));
    return valid(y) ? y : null;
  } catch {
    return null;
  }
};

interface ReportYearState {
  /** Null until remembered or settled on the latest year with records. */
  year: number | null;
  setYear(year: number): void;
  /** Settles on the latest year with records when nothing was chosen yet. */
  settle(): Promise<void>;
}

export const useReportYear = create<ReportYearState>((set, get) => ({
  year: remembered(),
  setYear(year) {
    set({ year });
    if (!valid(year)) return;
    try {
      window.localStorage.setItem(KEY, String(year));
    } catch {
      // Not remembered across starts; the choice still holds for this session.
    }
  },
  async settle() {
    if (get().year !== null) return;
    const years = await call('dashboard.years', {}).catch((): number[] => []);
    if (get().year === null) set({ year: years[0] ?? new Date().getFullYear() });
  },
}));
