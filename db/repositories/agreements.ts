import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type {
  AgreementStatus,
  DeliveryMode,
  DocumentForm,
  PartyRole,
  ProgramType,
} from '../../electron/shared/domain';
import type { AgreementSort, AgreementSummary } from '../../electron/shared/schemas/agreements';
import type { ReadDb, WriteDb } from '../client';
import { agreementParties, agreementPhases, agreements, institutions, tasks } from '../schema';
import { differs, fenToYuan, likeContains, notFound, stampNew, yuanToFen } from './rows';

export interface AgreementValues {
  title: string;
  programType: ProgramType;
  deliveryMode: DeliveryMode;
  documentForm: DocumentForm;
  policyBasis: string | null;
  documentNumber: string | null;
  signedDate: string | null;
  periodStart: string;
  periodEnd: string;
  status: AgreementStatus;
  goals: string | null;
  clauses: string | null;
  budgetYuan: number | null;
  hostOffice: string | null;
  notes: string | null;
}

export interface PartyValues {
  id?: string | undefined;
  institutionId: string;
  role: PartyRole;
  major: string | null;
}

export interface PhaseValues {
  id?: string | undefined;
  name: string;
  startDate: string;
  endDate: string;
  notes: string | null;
}

export interface AgreementFilter {
  query?: string | undefined;
  programType?: ProgramType | undefined;
  status?: AgreementStatus | undefined;
  year?: number | undefined;
  sort?: AgreementSort | undefined;
  direction?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

type Row = typeof agreements.$inferSelect;

const columnsOf = ({ budgetYuan, ...rest }: AgreementValues) => ({
  ...rest,
  budgetFen: yuanToFen(budgetYuan),
});

export const agreementRow = (db: ReadDb | WriteDb, id: string, includeDeleted = false): Row => {
  const row = db.orm
    .select()
    .from(agreements)
    .where(and(eq(agreements.id, id), includeDeleted ? undefined : isNull(agreements.deletedAt)))
    .get();
  if (!row) throw notFound('协议');
  return row;
};

// Drizzle prints a bare "id" inside raw SQL; subqueries need the outer row named unambiguously.
const outerId = sql.raw('"agreements"."id"');

const partyNames = (role: PartyRole) =>
  sql<string | null>`(SELECT group_concat(coalesce(i.short_name, i.name), '、') FROM (
      SELECT i2.short_name, i2.name FROM ${agreementParties} p
      JOIN ${institutions} i2 ON i2.id = p.institution_id
      WHERE p.agreement_id = ${outerId} AND p.deleted_at IS NULL AND p.role = ${role}
      ORDER BY p.sort) i)`;

const sortColumns: Record<AgreementSort, SQL | typeof agreements.title> = {
  updatedAt: sql`${agreements.updatedAt}`,
  title: agreements.title,
  periodStart: sql`${agreements.periodStart}`,
  programType: sql`${agreements.programType}`,
  status: sql`${agreements.status}`,
};

const searchCondition = (query: string): SQL => {
  const pattern = likeContains(query);
  // Substring match: Chinese words are mostly two characters (普宁, 挂职), below what a trigram index
  // can match, and agreements number in the hundreds, so a scan is instant.
  return sql`(${agreements.title} LIKE ${pattern} ESCAPE '\\'
    OR ${agreements.documentNumber} LIKE ${pattern} ESCAPE '\\'
    OR ${agreements.policyBasis} LIKE ${pattern} ESCAPE '\\'
    OR ${agreements.goals} LIKE ${pattern} ESCAPE '\\'
    OR ${agreements.notes} LIKE ${pattern} ESCAPE '\\'
    OR ${agreements.programType} LIKE ${pattern} ESCAPE '\\'
    OR EXISTS (SELECT 1 FROM ${agreementParties} p JOIN ${institutions} i ON i.id = p.institution_id
      WHERE p.agreement_id = ${outerId} AND p.deleted_at IS NULL
        AND (i.name LIKE ${pattern} ESCAPE '\\' OR i.short_name LIKE ${pattern} ESCAPE '\\' OR p.major LIKE ${pattern} ESCAPE '\\')))`;
};

export const listAgreements = (
  db: ReadDb | WriteDb,
  f: AgreementFilter,
): { rows: AgreementSummary[]; total: number } => {
  const where = and(
    isNull(agreements.deletedAt),
    f.query ? searchCondition(f.query) : undefined,
    f.programType ? eq(agreements.programType, f.programType) : undefined,
    f.status ? eq(agreements.status, f.status) : undefined,
    f.year !== undefined
      ? sql`substr(${agreements.periodStart}, 1, 4) <= ${String(f.year)} AND substr(${agreements.periodEnd}, 1, 4) >= ${String(f.year)}`
      : undefined,
  );
  const total =
    db.orm
      .select({ n: sql<number>`count(*)` })
      .from(agreements)
      .where(where)
      .get()?.n ?? 0;
  const order = f.direction === 'asc' ? asc : desc;
  const rows = db.orm
    .select({
      a: agreements,
      supporters: partyNames('支援方'),
      receivers: partyNames('受援方'),
      taskCount: sql<number>`(SELECT count(*) FROM ${tasks} t WHERE t.agreement_id = ${outerId} AND t.deleted_at IS NULL)`,
    })
    .from(agreements)
    .where(where)
    .orderBy(order(sortColumns[f.sort ?? 'updatedAt']), desc(agreements.id))
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0)
    .all();
  return {
    total,
    rows: rows.map(({ a, supporters, receivers, taskCount }) => ({
      ...summaryCore(a),
      supporters: supporters ? supporters.split('、') : [],
      receivers: receivers ? receivers.split('、') : [],
      taskCount,
    })),
  };
};

export const summaryCore = (a: Row) => ({
  id: a.id,
  title: a.title,
  programType: a.programType as ProgramType,
  deliveryMode: a.deliveryMode as DeliveryMode,
  documentForm: a.documentForm as DocumentForm,
  documentNumber: a.documentNumber,
  signedDate: a.signedDate,
  periodStart: a.periodStart,
  periodEnd: a.periodEnd,
  status: a.status as AgreementStatus,
  budgetYuan: fenToYuan(a.budgetFen),
  updatedAt: a.updatedAt,
});

export const listParties = (db: ReadDb | WriteDb, agreementId: string) =>
  db.orm
    .select({ p: agreementParties, institutionName: institutions.name })
    .from(agreementParties)
    .innerJoin(institutions, eq(institutions.id, agreementParties.institutionId))
    .where(and(eq(agreementParties.agreementId, agreementId), isNull(agreementParties.deletedAt)))
    .orderBy(asc(agreementParties.sort))
    .all()
    .map(({ p, institutionName }) => ({
      id: p.id,
      institutionId: p.institutionId,
      institutionName,
      role: p.role as PartyRole,
      major: p.major,
      sort: p.sort,
    }));

export const listPhases = (db: ReadDb | WriteDb, agreementId: string) =>
  db.orm
    .select()
    .from(agreementPhases)
    .where(and(eq(agreementPhases.agreementId, agreementId), isNull(agreementPhases.deletedAt)))
    .orderBy(asc(agreementPhases.sort))
    .all()
    .map((p) => ({
      id: p.id,
      name: p.name,
      startDate: p.startDate,
      endDate: p.endDate,
      notes: p.notes,
      sort: p.sort,
    }));

export const insertAgreement = (w: WriteDb, ownerSite: string, v: AgreementValues): string => {
  const row = { ...stampNew(w, ownerSite), ...columnsOf(v) };
  w.orm.insert(agreements).values(row).run();
  return row.id;
};

export const updateAgreement = (w: WriteDb, id: string, v: AgreementValues): void => {
  const current = agreementRow(w, id);
  const cols = columnsOf(v);
  if (!differs(current, cols)) return;
  w.orm
    .update(agreements)
    .set({ ...cols, updatedAt: w.now() })
    .where(eq(agreements.id, id))
    .run();
};

/**
 * Makes a child list exactly `items`: rows whose id is kept are updated only if they changed, new
 * ones are inserted, missing ones tombstoned (synced rows are never hard-deleted).
 */
const replaceChildren = <V extends { id?: string | undefined }>(
  w: WriteDb,
  ownerSite: string,
  table: typeof agreementParties | typeof agreementPhases,
  agreementId: string,
  items: V[],
) => {
  const t = w.now();
  const existing = w.orm
    .select()
    .from(table)
    .where(and(eq(table.agreementId, agreementId), isNull(table.deletedAt)))
    .all() as unknown as (Record<string, unknown> & { id: string })[];
  const kept = new Set<string>();
  items.forEach(({ id, ...v }, sort) => {
    const values = { ...v, sort };
    const current = id ? existing.find((e) => e.id === id) : undefined;
    if (id && current) {
      kept.add(id);
      if (differs(current, values)) {
        w.orm
          .update(table)
          .set({ ...values, updatedAt: t })
          .where(eq(table.id, id))
          .run();
      }
    } else {
      w.orm
        .insert(table)
        .values({ ...stampNew(w, ownerSite), agreementId, ...values } as unknown as typeof table.$inferInsert)
        .run();
    }
  });
  for (const e of existing) {
    if (!kept.has(e.id))
      w.orm.update(table).set({ deletedAt: t, updatedAt: t }).where(eq(table.id, e.id)).run();
  }
};

export const replaceParties = (w: WriteDb, ownerSite: string, agreementId: string, parties: PartyValues[]) =>
  replaceChildren(w, ownerSite, agreementParties, agreementId, parties);

export const replacePhases = (w: WriteDb, ownerSite: string, agreementId: string, phases: PhaseValues[]) =>
  replaceChildren(w, ownerSite, agreementPhases, agreementId, phases);
