import { and, asc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { TaskCategory, TaskStatus } from '../../electron/shared/domain';
import type { Task } from '../../electron/shared/schemas/tasks';
import type { ReadDb, WriteDb } from '../client';
import { tasks } from '../schema';
import { fenToYuan, notFound, stampNew, yuanToFen } from './rows';

export interface TaskValues {
  name: string;
  category: TaskCategory;
  description: string | null;
  department: string | null;
  responsiblePerson: string | null;
  liaison: string | null;
  contact: string | null;
  year: number;
  yearEnd: number | null;
  targetText: string | null;
  targetValue: number | null;
  targetUnit: string | null;
  budgetYuan: number | null;
  status: TaskStatus;
  notes: string | null;
}

type Row = typeof tasks.$inferSelect;

const toTask = (r: Row): Task => ({
  id: r.id,
  agreementId: r.agreementId,
  name: r.name,
  category: r.category as TaskCategory,
  description: r.description,
  department: r.department,
  responsiblePerson: r.responsiblePerson,
  liaison: r.liaison,
  contact: r.contact,
  year: r.year,
  yearEnd: r.yearEnd,
  targetText: r.targetText,
  targetValue: r.targetValue,
  targetUnit: r.targetUnit,
  budgetYuan: fenToYuan(r.budgetFen),
  status: r.status as TaskStatus,
  notes: r.notes,
  sort: r.sort,
  updatedAt: r.updatedAt,
});

// A span ending in the year it starts is a one-year task: stored as null, the one form of it.
const columnsOf = ({ budgetYuan, yearEnd, ...rest }: TaskValues) => ({
  ...rest,
  yearEnd: yearEnd !== null && yearEnd !== rest.year ? yearEnd : null,
  budgetFen: yuanToFen(budgetYuan),
});

export const listTasks = (db: ReadDb | WriteDb, agreementId: string): Task[] =>
  db.orm
    .select()
    .from(tasks)
    .where(and(eq(tasks.agreementId, agreementId), isNull(tasks.deletedAt)))
    .orderBy(asc(tasks.year), asc(tasks.sort))
    .all()
    .map(toTask);

export const getTask = (db: ReadDb | WriteDb, id: string): Task => {
  const row = db.orm
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), isNull(tasks.deletedAt)))
    .get();
  if (!row) throw notFound('帮扶项目');
  return toTask(row);
};

const nextSort = (w: WriteDb, agreementId: string): number =>
  (w.orm
    .select({ n: sql<number | null>`max(${tasks.sort})` })
    .from(tasks)
    .where(eq(tasks.agreementId, agreementId))
    .get()?.n ?? -1) + 1;

type InsertRow = typeof tasks.$inferInsert;

// Built once per connection: the spreadsheet-import path inserts thousands of rows, and building the
// query for each one cost more than SQLite's own work.
const preparedInserts = new WeakMap<WriteDb, { run(row: InsertRow): unknown }>();
const insertStatement = (w: WriteDb) => {
  let stmt = preparedInserts.get(w);
  if (!stmt) {
    const columns = Object.keys(getTableColumns(tasks));
    const values = Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as unknown as InsertRow;
    stmt = w.orm.insert(tasks).values(values).prepare();
    preparedInserts.set(w, stmt);
  }
  return stmt;
};

export const insertTasks = (
  w: WriteDb,
  ownerSite: string,
  agreementId: string,
  values: TaskValues[],
): string[] => {
  let sort = nextSort(w, agreementId);
  const stmt = insertStatement(w);
  return values.map((v) => {
    // Object.assign, not a second spread: V8 takes a slow path for `{ ...a, k, ...b }`, measured at a third
    // of the batch path's per-row cost.
    const row: InsertRow = Object.assign(stampNew(w, ownerSite), { agreementId, sort: sort++ }, columnsOf(v));
    stmt.run(row);
    return row.id;
  });
};

export const updateTask = (w: WriteDb, id: string, v: TaskValues): Task => {
  const res = w.orm
    .update(tasks)
    .set({ ...columnsOf(v), updatedAt: w.now() })
    .where(and(eq(tasks.id, id), isNull(tasks.deletedAt)))
    .run();
  if (res.changes === 0) throw notFound('帮扶项目');
  return getTask(w, id);
};
