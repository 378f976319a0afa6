import type { TaskStatus } from '../../electron/shared/domain';
import {
  TASK_IMPORT_FIELDS,
  type ImportInput,
  type TaskImportField,
} from '../../electron/shared/schemas/ledgerImport';
import { taskInput } from '../../electron/shared/schemas/tasks';
import type { TaskValues } from '../repositories/tasks';
import { cellAt } from './grid';
import { skipReason, type SkipReason } from './layout';
import { readDate, yearIn } from './parse/dates';
import { isPlaceholder } from './parse/text';
import type { Issue, Value } from './readRow';
import type { ColumnInfo } from './readTables';
import type { SheetChoice } from './sheets';
import { readTaskCategory, readTaskStatus, taskFieldOfHeader } from './taskColumns';
import { yearFor } from './yearContext';

// The 汇总表's rows as tasks of the agreement; a row whose 计划时间 names a date also gives the month's
// plan item for the task.

export interface PlannedItem {
  month: string;
  plannedDate: string;
  content: string;
  status: TaskStatus;
  completionNote: string | null;
}

export interface TaskRow {
  sheet: string;
  row: number;
  raw: Partial<Record<TaskImportField, string>>;
  values: Partial<Record<TaskImportField, Value>>;
  warnings: Issue[];
  errors: Issue[];
  task: TaskValues | null;
  plan: PlannedItem | null;
}

const isTaskField = (f: string): f is TaskImportField =>
  (TASK_IMPORT_FIELDS as readonly string[]).includes(f);
const PHONE = /(\+?\d[\d\- ]{6,}\d)/;

const readOne = (
  raw: Partial<Record<TaskImportField, string>>,
  agreementId: string,
  year: number | null,
): Omit<TaskRow, 'sheet' | 'row' | 'raw'> => {
  const text = (f: TaskImportField) => (raw[f] && !isPlaceholder(raw[f]) ? raw[f] : null);
  const warnings: Issue[] = [];
  const errors: Issue[] = [];
  const name = text('name') ?? text('description');
  if (!name) errors.push({ field: 'name', message: '缺少帮扶项目' });
  let liaison = text('liaison');
  let contact = text('contact');
  // 联络员/联系方式 in one cell: 张敏 13800138000.
  if (liaison && !contact && PHONE.test(liaison)) {
    contact = PHONE.exec(liaison)![1]!.trim();
    liaison = liaison.replace(PHONE, '').trim() || null;
  }
  const done = text('status');
  let status = done ? readTaskStatus(done) : null;
  if (done && !status)
    warnings.push({ field: 'status', message: `完成情况“${done}”看不出进度，按“进行中”导入` });
  status ??= '进行中';
  const planned = text('plannedTime');
  const when = planned ? readDate(planned, year) : null;
  if (planned && !when?.ok)
    warnings.push({ field: 'plannedTime', message: `计划时间“${planned}”不是日期，不生成计划事项` });
  if (when?.ok && when.monthOnly)
    warnings.push({ field: 'plannedTime', message: `“${planned}”只有月份，计划日期按 ${when.start} 记` });
  const taskYear = (when?.ok ? Number(when.start.slice(0, 4)) : null) ?? year;
  // 2023年9月至2024年6月: a task planned across the new year spans both.
  const lastYear = when?.ok && when.end ? Number(when.end.slice(0, 4)) : null;
  if (taskYear === null) errors.push({ field: 'plannedTime', message: '看不出年度：请在计划时间中写明年份' });
  const words = `${text('category') ?? ''} ${name ?? ''} ${text('description') ?? ''}`;
  let category = readTaskCategory(words);
  if (!category) {
    category = '管理与制度';
    warnings.push({ field: 'category', message: '看不出项目类别，按“管理与制度”导入' });
  }
  const values: TaskRow['values'] = {
    name,
    category,
    description: name === text('description') ? null : text('description'),
    department: text('department'),
    responsiblePerson: text('responsiblePerson'),
    liaison,
    contact,
    plannedTime: when?.ok ? when.start : null,
    status,
    targetText: text('targetText'),
    evidence: text('evidence'),
    notes: text('notes'),
  };
  if (errors.length > 0) return { values, warnings, errors, task: null, plan: null };
  const parsed = taskInput.safeParse({
    agreementId,
    name,
    category,
    description: values.description,
    department: values.department,
    responsiblePerson: values.responsiblePerson,
    liaison,
    contact,
    year: taskYear,
    yearEnd: lastYear !== taskYear ? lastYear : null,
    targetText: values.targetText,
    status,
    notes: values.notes,
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      errors.push({ field: String(i.path[0] ?? 'row'), message: i.message });
    return { values, warnings, errors, task: null, plan: null };
  }
  const { agreementId: _a, ...task } = parsed.data;
  const plan =
    when?.ok && name
      ? {
          month: when.start.slice(0, 7),
          plannedDate: when.start,
          content: (values.description as string | null) ?? name,
          status,
          completionNote: done,
        }
      : null;
  return { values, warnings, errors, task, plan };
};

/** Every data row of the chosen sheets read as a task. */
export const readTaskRows = (
  choices: SheetChoice[],
  input: ImportInput,
  period: { periodStart: string; periodEnd: string },
) => {
  const columns = new Map<string, ColumnInfo>();
  const skipped = new Map<SkipReason, { sheet: string; row: number }[]>();
  const rows: TaskRow[] = [];
  const fixes = new Map((input.fixes ?? []).map((f) => [`${f.sheet}\u0000${f.row}\u0000${f.field}`, f.text]));
  for (const { grid, table, chosen } of choices) {
    if (!chosen || !table) continue;
    const fieldColumn = new Map<TaskImportField, number>();
    table.headers.forEach((header, column) => {
      if (header === '') return;
      const given = input.columns?.[header];
      const field =
        given === undefined ? taskFieldOfHeader(header) : given && isTaskField(given) ? given : null;
      if (!columns.has(header)) columns.set(header, { header, field, notes: new Set() });
      if (field && !fieldColumn.has(field)) fieldColumn.set(field, column);
    });
    const year = yearFor({
      header: null,
      sheet: grid.name,
      title: table.titleText,
      fileName: input.fileName,
      period,
    });
    const dateHeader = table.headers[fieldColumn.get('plannedTime') ?? -1];
    if (dateHeader && year.year)
      columns.get(dateHeader)!.notes.add(`未写年份的日期按 ${year.year} 年（取自${year.from}）`);
    for (const gridRow of grid.rows.slice(table.dataStart)) {
      const reason = skipReason(gridRow, table.headers);
      if (reason) {
        skipped.set(reason, [...(skipped.get(reason) ?? []), { sheet: grid.name, row: gridRow.n }]);
        continue;
      }
      const raw: TaskRow['raw'] = {};
      for (const [field, column] of fieldColumn)
        raw[field] =
          fixes.get(`${grid.name}\u0000${gridRow.n}\u0000${field}`) ?? cellAt(gridRow, column).text;
      rows.push({
        sheet: grid.name,
        row: gridRow.n,
        raw,
        ...readOne(raw, input.agreementId, year.year ?? yearIn(grid.name)),
      });
    }
  }
  return { rows, columns, skipped };
};
