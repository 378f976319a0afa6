import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { OutcomeKind, OutcomeLevel, SecondmentDirection } from '../../electron/shared/domain';
import type { Outcome, Secondment } from '../../electron/shared/schemas/secondments';
import type { ReadDb, WriteDb } from '../client';
import { institutions, outcomes, secondments } from '../schema';
import { notFound, stampNew } from './rows';

export type SecondmentValues = Omit<Secondment, 'id' | 'hostInstitutionName'>;
export type OutcomeValues = Omit<Outcome, 'id'>;

const secondmentQuery = (db: ReadDb | WriteDb) =>
  db.orm
    .select({ s: secondments, hostInstitutionName: institutions.name })
    .from(secondments)
    .leftJoin(institutions, eq(institutions.id, secondments.hostInstitutionId));

const toSecondment = ({
  s,
  hostInstitutionName,
}: {
  s: typeof secondments.$inferSelect;
  hostInstitutionName: string | null;
}): Secondment => ({
  id: s.id,
  agreementId: s.agreementId,
  activityId: s.activityId,
  person: s.person,
  direction: s.direction as SecondmentDirection,
  homePost: s.homePost,
  hostInstitutionId: s.hostInstitutionId,
  hostInstitutionName,
  hostPost: s.hostPost,
  startDate: s.startDate,
  endDate: s.endDate,
  months: s.months,
  scope: s.scope,
  termNo: s.termNo,
});

export const getSecondment = (db: ReadDb | WriteDb, id: string): Secondment => {
  const row = secondmentQuery(db)
    .where(and(eq(secondments.id, id), isNull(secondments.deletedAt)))
    .get();
  if (!row) throw notFound('挂职记录');
  return toSecondment(row);
};

/**
 * The last day in post, as SQL over the secondments table: the end date, else `months` from the start;
 * with neither, the person counts as still in post.
 */
export const SECONDMENT_END_SQL = `coalesce(end_date, CASE WHEN months IS NULL THEN '9999-12-31'
  ELSE date(start_date, '+' || months || ' months', '-1 day') END)`;

/** In post on a date: started by then and not yet ended. */
export const listSecondments = (db: ReadDb | WriteDb, agreementId?: string, onDate?: string): Secondment[] =>
  secondmentQuery(db)
    .where(
      and(
        isNull(secondments.deletedAt),
        agreementId ? eq(secondments.agreementId, agreementId) : undefined,
        onDate
          ? sql`${secondments.startDate} <= ${onDate} AND ${sql.raw(SECONDMENT_END_SQL)} >= ${onDate}`
          : undefined,
      ),
    )
    .orderBy(asc(secondments.startDate), asc(secondments.person))
    .all()
    .map(toSecondment);

export const insertSecondment = (w: WriteDb, ownerSite: string, v: SecondmentValues): string => {
  const row = { ...stampNew(w, ownerSite), ...v };
  w.orm.insert(secondments).values(row).run();
  return row.id;
};

export const updateSecondment = (w: WriteDb, id: string, v: SecondmentValues): void => {
  const res = w.orm
    .update(secondments)
    .set({ ...v, updatedAt: w.now() })
    .where(and(eq(secondments.id, id), isNull(secondments.deletedAt)))
    .run();
  if (res.changes === 0) throw notFound('挂职记录');
};

const toOutcome = (o: typeof outcomes.$inferSelect): Outcome => ({
  id: o.id,
  agreementId: o.agreementId,
  activityId: o.activityId,
  kind: o.kind as OutcomeKind,
  title: o.title,
  level: o.level as OutcomeLevel | null,
  quantity: o.quantity,
  date: o.date,
  notes: o.notes,
});

export const getOutcome = (db: ReadDb | WriteDb, id: string): Outcome => {
  const row = db.orm
    .select()
    .from(outcomes)
    .where(and(eq(outcomes.id, id), isNull(outcomes.deletedAt)))
    .get();
  if (!row) throw notFound('成果');
  return toOutcome(row);
};

export const listOutcomes = (db: ReadDb | WriteDb, agreementId: string, activityId?: string): Outcome[] =>
  db.orm
    .select()
    .from(outcomes)
    .where(
      and(
        isNull(outcomes.deletedAt),
        eq(outcomes.agreementId, agreementId),
        activityId ? eq(outcomes.activityId, activityId) : undefined,
      ),
    )
    .orderBy(asc(outcomes.date), asc(outcomes.title))
    .all()
    .map(toOutcome);

export const insertOutcome = (w: WriteDb, ownerSite: string, v: OutcomeValues): string => {
  const row = { ...stampNew(w, ownerSite), ...v };
  w.orm.insert(outcomes).values(row).run();
  return row.id;
};

export const updateOutcome = (w: WriteDb, id: string, v: OutcomeValues): void => {
  const res = w.orm
    .update(outcomes)
    .set({ ...v, updatedAt: w.now() })
    .where(and(eq(outcomes.id, id), isNull(outcomes.deletedAt)))
    .run();
  if (res.changes === 0) throw notFound('成果');
};
