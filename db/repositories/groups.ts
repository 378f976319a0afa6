import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { GroupKind, MemberRole } from '../../electron/shared/domain';
import type { GroupMember, GroupRevision } from '../../electron/shared/schemas/groups';
import type { ReadDb, WriteDb } from '../client';
import { groupMembers, groupRevisions, institutions } from '../schema';
import { differs, notFound, stampNew } from './rows';

export interface MemberValues {
  id?: string | undefined;
  groupKind: GroupKind;
  name: string;
  role: MemberRole;
  institutionId: string | null;
  post: string | null;
  phone: string | null;
}

export interface RevisionValues {
  revisedOn: string;
  approvedBy: string | null;
  documentNumber: string | null;
  notes: string | null;
}

/** Revisions newest first; each with its members in order. */
export const listRevisions = (db: ReadDb | WriteDb, agreementId: string): GroupRevision[] => {
  const revs = db.orm
    .select()
    .from(groupRevisions)
    .where(and(eq(groupRevisions.agreementId, agreementId), isNull(groupRevisions.deletedAt)))
    .orderBy(desc(groupRevisions.revisedOn), desc(groupRevisions.createdAt))
    .all();
  if (revs.length === 0) return [];
  const members = db.orm
    .select({ m: groupMembers, institutionName: institutions.name })
    .from(groupMembers)
    .leftJoin(institutions, eq(institutions.id, groupMembers.institutionId))
    .where(
      and(
        inArray(
          groupMembers.revisionId,
          revs.map((r) => r.id),
        ),
        isNull(groupMembers.deletedAt),
      ),
    )
    .orderBy(asc(groupMembers.sort))
    .all();
  return revs.map((r) => ({
    id: r.id,
    agreementId: r.agreementId,
    revisedOn: r.revisedOn,
    approvedBy: r.approvedBy,
    documentNumber: r.documentNumber,
    notes: r.notes,
    members: members
      .filter((x) => x.m.revisionId === r.id)
      .map(({ m, institutionName }): GroupMember => ({
        id: m.id,
        groupKind: m.groupKind as GroupKind,
        name: m.name,
        role: m.role as MemberRole,
        institutionId: m.institutionId,
        institutionName: institutionName ?? null,
        post: m.post,
        phone: m.phone,
        sort: m.sort,
      })),
  }));
};

export const revisionAgreementId = (db: ReadDb | WriteDb, revisionId: string): string => {
  const row = db.orm
    .select({ agreementId: groupRevisions.agreementId })
    .from(groupRevisions)
    .where(and(eq(groupRevisions.id, revisionId), isNull(groupRevisions.deletedAt)))
    .get();
  if (!row) throw notFound('领导小组修订');
  return row.agreementId;
};

export const insertRevision = (
  w: WriteDb,
  ownerSite: string,
  agreementId: string,
  v: RevisionValues,
): string => {
  const row = { ...stampNew(w, ownerSite), agreementId, ...v };
  w.orm.insert(groupRevisions).values(row).run();
  return row.id;
};

export const updateRevision = (w: WriteDb, id: string, v: RevisionValues): void => {
  w.orm
    .update(groupRevisions)
    .set({ ...v, updatedAt: w.now() })
    .where(eq(groupRevisions.id, id))
    .run();
};

export const tombstoneRevision = (w: WriteDb, id: string): void => {
  const t = w.now();
  w.orm.update(groupRevisions).set({ deletedAt: t, updatedAt: t }).where(eq(groupRevisions.id, id)).run();
};

/** Makes the revision's members exactly `members`: updates kept ids, adds new ones, tombstones the rest. */
export const replaceMembers = (
  w: WriteDb,
  ownerSite: string,
  revisionId: string,
  members: MemberValues[],
): void => {
  const t = w.now();
  const existing = w.orm
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.revisionId, revisionId), isNull(groupMembers.deletedAt)))
    .all();
  const kept = new Set<string>();
  members.forEach(({ id, ...v }, sort) => {
    const current = id ? existing.find((m) => m.id === id) : undefined;
    if (id && current) {
      kept.add(id);
      if (!differs(current, { ...v, sort })) return;
      w.orm
        .update(groupMembers)
        .set({ ...v, sort, updatedAt: t })
        .where(eq(groupMembers.id, id))
        .run();
    } else {
      w.orm
        .insert(groupMembers)
        .values({ ...stampNew(w, ownerSite), revisionId, sort, ...v })
        .run();
    }
  });
  for (const m of existing) {
    if (!kept.has(m.id)) {
      w.orm.update(groupMembers).set({ deletedAt: t, updatedAt: t }).where(eq(groupMembers.id, m.id)).run();
    }
  }
};
