import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { activityListInput, Activity } from '../../electron/shared/schemas/activities';
import type { ActivityType } from '../../electron/shared/domain';
import type { ReadDb, WriteDb } from '../client';
import { activities, attachments } from '../schema';
import { bigrams, ftsPhrase, TRIGRAM_MIN } from '../search/bigrams';
import { FIRST_PAGES_END, FIRST_ROWS, firstMatches } from '../search/firstMatches';
import { detailsOf, fenToYuan, likeContains, notFound, stampNew, yuanToFen } from './rows';

type Row = typeof activities.$inferSelect;
export type ActivityValues = Omit<Activity, 'id' | 'evidenceCount' | 'updatedAt'>;
export type ActivityFilter = z.output<typeof activityListInput>;

const outer = (col: string) => sql.raw(`"activities"."${col}"`);

const evidenceCount = sql<number>`(SELECT count(*) FROM ${attachments} e
  WHERE e.entity_table = 'activities' AND e.entity_id = ${outer('id')} AND e.deleted_at IS NULL)`;

const toActivity = (r: Row, evidence: number): Activity => {
  const { amountFen, details, createdAt: _c, deletedAt: _d, ownerSite: _o, importKey: _k, ...rest } = r;
  return {
    ...rest,
    type: r.type as ActivityType,
    amountYuan: fenToYuan(amountFen),
    details: detailsOf(details),
    evidenceCount: evidence,
  };
};

const columnsOf = ({ amountYuan, details, ...rest }: ActivityValues) => ({
  ...rest,
  amountFen: yuanToFen(amountYuan),
  details: Object.keys(details).length > 0 ? JSON.stringify(details) : null,
});

export const getActivity = (db: ReadDb | WriteDb, id: string): Activity => {
  const row = db.orm
    .select({ a: activities, evidence: evidenceCount })
    .from(activities)
    .where(and(eq(activities.id, id), isNull(activities.deletedAt)))
    .get();
  if (!row) throw notFound('活动记录');
  return toActivity(row.a, row.evidence);
};

type InsertRow = typeof activities.$inferInsert;

// Built once per connection: a 50,000-row spreadsheet import inserts row after row, and building the
// query for each one cost about a third of the insert.
const preparedInserts = new WeakMap<WriteDb, { run(row: InsertRow): unknown }>();
const insertStatement = (w: WriteDb) => {
  let stmt = preparedInserts.get(w);
  if (!stmt) {
    const columns = Object.keys(getTableColumns(activities));
    const values = Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as unknown as InsertRow;
    stmt = w.orm.insert(activities).values(values).prepare();
    preparedInserts.set(w, stmt);
  }
  return stmt;
};

export const insertActivity = (
  w: WriteDb,
  ownerSite: string,
  v: ActivityValues,
  importKey: string | null = null,
): string => {
  const row: InsertRow = Object.assign(stampNew(w, ownerSite), columnsOf(v), { importKey });
  insertStatement(w).run(row);
  return row.id;
};

/** A new activity as the inserter takes it: a task or plan item left out is written as null. */
export type NewActivity = Omit<ActivityValues, 'taskId' | 'planItemId'> &
  Partial<Pick<ActivityValues, 'taskId' | 'planItemId'>>;

/**
 * Inserts many activities through one statement bound by position, as insertActivity writes them (the
 * same columns, values and import key; the same change records and search entries from the triggers). Made
 * for a large import: a row is bound from one array filled anew for each, not built as three objects, which
 * at 50,000 rows was most of what the commit allocated.
 */
export const activityInserter = (w: WriteDb, ownerSite: string) => {
  const columns = Object.entries(getTableColumns(activities));
  const stmt = w.sqlite.prepare(
    `INSERT INTO activities (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const at = Object.fromEntries(columns.map(([key], i) => [key, i])) as Record<keyof InsertRow, number>;
  const params: unknown[] = new Array<unknown>(columns.length).fill(null);
  const set = (key: keyof InsertRow, value: unknown) => {
    const i = at[key];
    // Like the prepared insert, a key that names no column is not written.
    if (i === undefined) return;
    params[i] = value === null || value === undefined ? null : columns[i]![1].mapToDriverValue(value);
  };
  return (v: NewActivity, importKey: string | null = null): string => {
    params.fill(null);
    const stamp = stampNew(w, ownerSite);
    for (const key in v)
      if (key !== 'amountYuan' && key !== 'details') set(key as keyof InsertRow, v[key as keyof NewActivity]);
    for (const key in stamp) set(key as keyof InsertRow, stamp[key as keyof typeof stamp]);
    set('amountFen', yuanToFen(v.amountYuan));
    set('details', Object.keys(v.details).length > 0 ? JSON.stringify(v.details) : null);
    set('importKey', importKey);
    stmt.run(params);
    return stamp.id;
  };
};

export const updateActivity = (w: WriteDb, id: string, v: ActivityValues, importKey?: string): void => {
  const res = w.orm
    .update(activities)
    .set({ ...columnsOf(v), updatedAt: w.now(), ...(importKey === undefined ? {} : { importKey }) })
    .where(and(eq(activities.id, id), isNull(activities.deletedAt)))
    .run();
  if (res.changes === 0) throw notFound('活动记录');
};

/** Rowids matching one word from an index, or null when the word is a single character (scanned instead). */
const indexedMatches = (term: string): SQL | null => {
  const length = Array.from(term).length;
  if (length >= TRIGRAM_MIN)
    return sql`SELECT rowid FROM activities_fts WHERE activities_fts MATCH ${ftsPhrase(term)}`;
  if (length === 2 && bigrams(term) !== '') {
    return sql`SELECT rowid FROM activities_bigrams WHERE activities_bigrams MATCH ${ftsPhrase(bigrams(term))}`;
  }
  return null;
};

const likeAny = (term: string): SQL => {
  const p = likeContains(term);
  return sql`(${activities.title} LIKE ${p} ESCAPE '\\' OR ${activities.place} LIKE ${p} ESCAPE '\\'
    OR ${activities.outcome} LIKE ${p} ESCAPE '\\' OR ${activities.notes} LIKE ${p} ESCAPE '\\'
    OR ${activities.platform} LIKE ${p} ESCAPE '\\' OR ${activities.organiser} LIKE ${p} ESCAPE '\\')`;
};

const sorts = {
  startDate: sql`${activities.startDate}`,
  title: sql`${activities.title}`,
  type: sql`${activities.type}`,
  updatedAt: sql`${activities.updatedAt}`,
};

/**
 * Above this many matches, walking the live start_date index and testing each row against the matches
 * beats sorting every match (measured at 200,000 rows: 培训 8.6 ms against 44 ms); below it, sorting wins.
 */
export const WALK_INDEX_ABOVE = 1000;

export const pageStrategy = (matches: number | null, sort: ActivityFilter['sort']): 'walk' | 'sort' =>
  matches !== null && matches > WALK_INDEX_ABOVE && (sort ?? 'startDate') === 'startDate' ? 'walk' : 'sort';

export const listActivities = (
  db: ReadDb | WriteDb,
  f: ActivityFilter,
): { rows: Activity[]; total: number } => {
  const terms = (f.query ?? '').split(/\s+/).filter(Boolean);
  const sets = terms.map(indexedMatches);
  const indexed = sets.filter((s): s is SQL => s !== null);
  const matchSet =
    indexed.length === terms.length && terms.length > 0 ? sql.join(indexed, sql` INTERSECT `) : null;
  const limit = f.limit ?? 100;
  const offset = f.offset ?? 0;
  const filters = [
    f.agreementId ? eq(activities.agreementId, f.agreementId) : undefined,
    f.planItemId ? eq(activities.planItemId, f.planItemId) : undefined,
    f.type ? eq(activities.type, f.type) : undefined,
    f.from ? sql`coalesce(${activities.endDate}, ${activities.startDate}) >= ${f.from}` : undefined,
    f.to ? sql`${activities.startDate} <= ${f.to}` : undefined,
    f.department ? eq(activities.department, f.department) : undefined,
    f.hasEvidence === undefined
      ? undefined
      : f.hasEvidence
        ? sql`${evidenceCount} > 0`
        : sql`${evidenceCount} = 0`,
  ].filter((c) => c !== undefined);
  // The list's rows before its words: live, under the filters.
  const listed = [isNull(activities.deletedAt), ...filters];
  const sort = sorts[f.sort ?? 'startDate'];
  // The first rows in date order are an index range only without filters or with the agreement alone.
  const first =
    matchSet !== null &&
    (f.sort ?? 'startDate') === 'startDate' &&
    offset + limit <= FIRST_PAGES_END &&
    filters.length === (f.agreementId ? 1 : 0)
      ? firstMatches(
          db,
          matchSet,
          db.orm
            .select({ rid: outer('rowid') })
            .from(activities)
            .where(and(...listed))
            .orderBy(...orderOf(f.direction === 'asc', sort))
            .limit(FIRST_ROWS)
            .getSQL(),
          offset + limit,
        )
      : null;
  // Matches counted in the indexes alone: tombstoned rows are never in them, so this is already live rows.
  const matches =
    first?.total ??
    (matchSet === null
      ? null
      : (db.orm.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${matchSet})`)?.n ?? 0));
  // Unary plus keeps the planner from driving the query from the matches, so it walks the date index; a
  // short list holding fewer rows than the page ends at is every match, read and sorted instead.
  const walk = first?.rows ? first.rows.length >= offset + limit : pageStrategy(matches, f.sort) === 'walk';
  const rowid = walk ? sql.raw('+"activities"."rowid"') : outer('rowid');
  const where = and(
    ...listed,
    ...terms.map((term, i) => (sets[i] ? sql`${rowid} IN (${sets[i]})` : likeAny(term))),
  );
  const total = countedOnce(db, f, () =>
    matches !== null && filters.length === 0
      ? matches
      : terms.length === 0 && filters.length === 0
        ? liveCount(db)
        : (db.orm
            .select({ n: sql<number>`count(*)` })
            .from(activities)
            .where(where)
            .get()?.n ?? 0),
  );
  // A page in the far half is read from the other end (the order is total: sort column, then rowid), so
  // no page skips more than half the rows; only when total counted exactly these rows.
  const fromEnd = matches === null && offset + limit / 2 > total / 2 && offset < total;
  const rows = db.orm
    .select({ a: activities, evidence: evidenceCount })
    .from(activities)
    .where(
      first?.rows
        ? and(...listed, sql`${rowid} IN (SELECT value FROM json_each(${JSON.stringify(first.rows)}))`)
        : where,
    )
    .orderBy(...orderOf((f.direction === 'asc') !== fromEnd, sort))
    .limit(fromEnd ? Math.min(limit, total - offset) : limit)
    .offset(fromEnd ? Math.max(0, total - offset - limit) : offset)
    .all();
  if (fromEnd) rows.reverse();
  return { total, rows: rows.map((r) => toActivity(r.a, r.evidence)) };
};

/** The list's order: the sort column, then entry order (rowid), so that it is total. */
const orderOf = (ascending: boolean, column: SQL) => {
  const order = ascending ? asc : desc;
  return [order(column), order(outer('rowid'))];
};

// The count of the list last asked for on the read connection, while nothing was committed since (its
// data_version moves with every commit of another connection): turning the pages of one list counts it
// once, not once per page (500,000 rows at a department are ~10 ms to count).
const lastCount = new WeakMap<object, { key: string; total: number }>();
const countedOnce = (db: ReadDb | WriteDb, f: ActivityFilter, count: () => number): number => {
  if (db.kind !== 'read') return count();
  const { limit: _l, offset: _o, sort: _s, direction: _d, ...list } = f;
  const key = `${String(db.sqlite.pragma('data_version', { simple: true }))}:${JSON.stringify(list)}`;
  const saved = lastCount.get(db.sqlite);
  if (saved?.key === key) return saved.total;
  const total = count();
  lastCount.set(db.sqlite, { key, total });
  return total;
};

// Every live row, counted in the narrowest live index: left to itself the planner counts through the
// wide figures index (activities_live_figures_idx, the only one holding deleted_at), 5x the pages.
const liveCount = (db: ReadDb | WriteDb): number =>
  (
    db.sqlite
      .prepare(
        'SELECT count(*) AS n FROM activities INDEXED BY activities_live_date_idx WHERE deleted_at IS NULL',
      )
      .get() as { n: number }
  ).n;

/** The agreement's live activities on these start dates, with their import keys: what a re-import meets. */
export const activitiesOnDays = (
  db: ReadDb | WriteDb,
  agreementId: string,
  days: string[],
): (Activity & { importKey: string | null })[] => {
  const out: (Activity & { importKey: string | null })[] = [];
  for (let i = 0; i < days.length; i += 500) {
    const rows = db.orm
      .select()
      .from(activities)
      .where(
        and(
          eq(activities.agreementId, agreementId),
          inArray(activities.startDate, days.slice(i, i + 500)),
          isNull(activities.deletedAt),
        ),
      )
      .all();
    for (const r of rows) out.push({ ...toActivity(r, 0), importKey: r.importKey });
  }
  return out;
};
