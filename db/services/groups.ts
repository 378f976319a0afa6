import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import type { GroupRevision, groupRevisionInput } from '../../electron/shared/schemas/groups';
import { agreementRow } from '../repositories/agreements';
import {
  insertRevision,
  listRevisions,
  replaceMembers,
  revisionAgreementId,
  tombstoneRevision,
  updateRevision,
} from '../repositories/groups';
import { countLiveInstitutions } from '../repositories/institutions';
import type { ServiceContext } from './context';
import { siteOf } from './setup';

type Input = z.output<typeof groupRevisionInput>;

export const saveRevision = (
  ctx: ServiceContext,
  { id, agreementId, members, ...values }: Input,
): GroupRevision => {
  const site = siteOf(ctx);
  return ctx.store.tx((w) => {
    agreementRow(w, agreementId);
    const institutionIds = [...new Set(members.flatMap((m) => (m.institutionId ? [m.institutionId] : [])))];
    if (countLiveInstitutions(w, institutionIds) !== institutionIds.length) {
      throw new AppFailure('VALIDATION', '成员所在单位不存在或已被删除', {
        members: '成员所在单位不存在，请重新选择',
      });
    }
    let revisionId: string;
    if (id) {
      if (revisionAgreementId(w, id) !== agreementId) {
        throw new AppFailure('VALIDATION', '该修订不属于此协议');
      }
      updateRevision(w, id, values);
      revisionId = id;
    } else {
      revisionId = insertRevision(w, site, agreementId, values);
    }
    // A new revision gets fresh member rows: the old revision keeps its own, which is the history.
    replaceMembers(
      w,
      site,
      revisionId,
      members.map((m) => ({ ...m, institutionId: m.institutionId ?? null, id: id ? m.id : undefined })),
    );
    const saved = listRevisions(w, agreementId).find((r) => r.id === revisionId);
    if (!saved) throw new AppFailure('INTERNAL', '保存后未能读取领导小组修订');
    return saved;
  });
};

export const deleteRevision = (ctx: ServiceContext, id: string): { id: string } => {
  siteOf(ctx);
  ctx.store.tx((w) => {
    revisionAgreementId(w, id);
    tombstoneRevision(w, id);
  });
  return { id };
};
