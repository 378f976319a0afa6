import { and, asc, eq, isNull, like, or, sql } from 'drizzle-orm';
import type { InstitutionKind } from '../../electron/shared/domain';
import type { Institution } from '../../electron/shared/schemas/institutions';
import type { ReadDb, WriteDb } from '../client';
import { institutions } from '../schema';
import { likeContains, notFound, stampNew } from './rows';

export interface InstitutionValues {
  name: string;
  shortName: string | null;
  kind: InstitutionKind;
  region: string | null;
}

type Row = typeof institutions.$inferSelect;

const toInstitution = (r: Row): Institution => ({
  id: r.id,
  name: r.name,
  shortName: r.shortName,
  kind: r.kind as InstitutionKind,
  region: r.region,
  updatedAt: r.updatedAt,
});

export const listInstitutions = (db: ReadDb | WriteDb, query?: string): Institution[] => {
  const q = query?.trim();
  const match = q
    ? or(like(institutions.name, likeContains(q)), like(institutions.shortName, likeContains(q)))
    : undefined;
  return db.orm
    .select()
    .from(institutions)
    .where(and(isNull(institutions.deletedAt), match))
    .orderBy(asc(institutions.name))
    .limit(1000)
    .all()
    .map(toInstitution);
};

export const getInstitution = (db: ReadDb | WriteDb, id: string): Institution => {
  const row = db.orm
    .select()
    .from(institutions)
    .where(and(eq(institutions.id, id), isNull(institutions.deletedAt)))
    .get();
  if (!row) throw notFound('机构');
  return toInstitution(row);
};

export const findInstitutionByName = (db: ReadDb | WriteDb, name: string): Institution | null => {
  const row = db.orm
    .select()
    .from(institutions)
    .where(and(eq(institutions.name, name), isNull(institutions.deletedAt)))
    .get();
  return row ? toInstitution(row) : null;
};

export const insertInstitution = (w: WriteDb, ownerSite: string, v: InstitutionValues): Institution => {
  const row = { ...stampNew(w, ownerSite), ...v };
  w.orm.insert(institutions).values(row).run();
  return toInstitution(row);
};

export const updateInstitution = (w: WriteDb, id: string, v: InstitutionValues): Institution => {
  const res = w.orm
    .update(institutions)
    .set({ ...v, updatedAt: w.now() })
    .where(and(eq(institutions.id, id), isNull(institutions.deletedAt)))
    .run();
  if (res.changes === 0) throw notFound('机构');
  return getInstitution(w, id);
};

export const countLiveInstitutions = (db: ReadDb | WriteDb, ids: string[]): number =>
  ids.length === 0
    ? 0
    : (db.orm
        .select({ n: sql<number>`count(*)` })
        .from(institutions)
        .where(and(isNull(institutions.deletedAt), sql`${institutions.id} IN ${ids}`))
        .get()?.n ?? 0);
