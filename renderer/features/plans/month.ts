/** Months as the API keys plans: "YYYY-MM". */
export const monthOf = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

/** The local calendar day, "YYYY-MM-DD": toISOString would give UTC, a day behind in China before 8 am. */
export const dayOf = (d: Date): string => `${monthOf(d)}-${String(d.getDate()).padStart(2, '0')}`;

export const shiftMonth = (month: string, delta: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

export const isMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** A plan item's planned date inside its month, else the month's first day: where a new activity starts. */
export const activityDateFor = (month: string, plannedDate: string | null): string =>
  plannedDate ?? `${month}-01`;

export const formatRate = (rate: number | null): string =>
  rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
