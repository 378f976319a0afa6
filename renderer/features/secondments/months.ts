/**
 * 挂职月数 from the dates, to the half month: 2023-03-01 to 2023-08-31 is 6, 2023-03-15 to 2023-09-14 is 6,
 * 2018-09-01 to 2020-02-15 is 17.5. Null when either date is missing or the end is before the start.
 */
export const monthsBetween = (start: string, end: string): number | null => {
  const re = /^(\d{4})-(\d{2})-(\d{2})$/;
  const a = re.exec(start);
  const b = re.exec(end);
  if (!a || !b || end < start) return null;
  const [y1, m1, d1] = a.slice(1).map(Number) as [number, number, number];
  const [y2, m2, d2] = b.slice(1).map(Number) as [number, number, number];
  // The end day counts as served: a month is complete on the day before its start day comes round again.
  const daysInEndMonth = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  const months = (y2 - y1) * 12 + (m2 - m1) + (d2 + 1 - d1) / daysInEndMonth;
  return Math.max(0.5, Math.round(months * 2) / 2);
};
