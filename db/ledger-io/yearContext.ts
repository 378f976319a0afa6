import { yearIn } from './parse/dates';

// Dates typed without a year (5月10日) take one from the nearest thing that names it: the column header,
// the sheet's name, the title above the table, the file's name, or an agreement whose period lies in one
// year. The preview says which.

export interface YearSource {
  year: number | null;
  /** Where the year came from, for the preview's column note. */
  from: string | null;
}

export const yearFor = (sources: {
  header: number | null;
  sheet: string;
  title: string;
  fileName: string;
  period: { periodStart: string; periodEnd: string };
}): YearSource => {
  if (sources.header) return { year: sources.header, from: '列名' };
  const sheet = yearIn(sources.sheet);
  if (sheet) return { year: sheet, from: `工作表名“${sources.sheet}”` };
  const title = yearIn(sources.title);
  if (title) return { year: title, from: '表格标题' };
  const file = yearIn(sources.fileName);
  if (file) return { year: file, from: `文件名“${sources.fileName}”` };
  const start = yearIn(sources.period.periodStart);
  if (start && start === yearIn(sources.period.periodEnd)) return { year: start, from: '协议期限' };
  return { year: null, from: null };
};
