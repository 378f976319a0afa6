import type { Method, Output, ParsedInput } from '../../electron/shared/contract';
import {
  createActivity,
  createActivityBatch,
  deleteActivity,
  linkPlanItem,
  readActivity,
  searchActivities,
  updateActivityService,
} from '../services/activities';
import {
  agreementDetail,
  createAgreement,
  deleteAgreement,
  updateAgreementService,
} from '../services/agreements';
import { addAttachment, listAttachments, readAttachment, removeAttachment } from '../services/attachments';
import { exportLedger } from '../ledger-io/exportLedger';
import {
  exportBundle,
  importBundle,
  inspectBundle,
  resolveConflict,
  saveSyncSettings,
  syncRecords,
  syncSettings,
  syncStatus,
} from '../sync/service';
import {
  deliverDue,
  enabledTargets,
  listOutbox,
  listTargets,
  removeTarget,
  saveTarget,
} from '../sync/delivery/outbox';
import { importFromInbox, scanInbox } from '../sync/inbox';
import { listDevices, retireDevice } from '../sync/devices';
import { restoreBackup } from '../services/restoreBackup';
import { joinCollege, previewJoin } from '../sync/join';
import { archiveFromBase64 } from '../zip/archiveBytes';
import { recoverIdentity } from '../sync/recover';
import { commitImport, previewImport } from '../ledger-io/importLedger';
import type { ServiceContext } from '../services/context';
import {
  createOutcome,
  createSecondment,
  deleteOutcome,
  deleteSecondment,
  updateOutcomeService,
  updateSecondmentService,
} from '../services/secondments';
import { listOutcomes, listSecondments } from '../repositories/secondments';
import { loadDemo } from '../services/demo';
import { deleteRevision, saveRevision } from '../services/groups';
import { backupNow, integrityCheck, integrityStatus } from '../services/maintenance';
import { backupOverview, runScheduledBackup, setBackupsKept } from '../services/backupSchedule';
import { createInstitution, updateInstitutionService } from '../services/institutions';
import { appStatus, setLocale, setup } from '../services/setup';
import {
  approvePlan,
  copyUnfinished,
  createPlan,
  deleteItem,
  getPlan,
  listPlans,
  returnPlan,
  saveItem,
  submitPlan,
} from '../services/plans';
import {
  dashboardFor,
  figureSourcesOf,
  recordYearsFor,
  exportReport,
  getReport,
  listReports,
  monthlyPlanReport,
  openReport,
  planPdf,
  reportPdf,
  resetSection,
  saveSection,
} from '../services/reports';
import { addPhoto, captionPhoto, movePhoto, removePhoto, reportPhotoChoices } from '../services/reportPhotos';
import { createTask, createTaskBatch, deleteTask, updateTaskService } from '../services/tasks';
import { listAgreements } from '../repositories/agreements';
import { listInstitutions } from '../repositories/institutions';

export type Handlers = {
  [M in Method]: (ctx: ServiceContext, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

/** A written bundle as the renderer receives it, to save as a file. */
const bundleFileOf = (out: Awaited<ReturnType<typeof exportBundle>>) => ({
  fileName: out.fileName,
  dataBase64: out.bytes.toString('base64'),
  bundleId: out.bundleId,
  records: out.records,
  queued: out.queued,
});

// Reads use the read-only connection; every write goes through a service and its one transaction.
export const handlers: Handlers = {
  'app.status': (ctx) => appStatus(ctx),
  'app.setup': async (ctx, { loadDemo: demo, ...input }) => {
    const status = setup(ctx, input);
    if (demo) await loadDemo(ctx);
    return status;
  },
  'app.joinPreview': (ctx, { dataBase64 }) => previewJoin(ctx, archiveFromBase64(dataBase64)),
  'app.join': (ctx, { dataBase64, confirmFingerprint }) =>
    joinCollege(ctx, archiveFromBase64(dataBase64), confirmFingerprint),
  'settings.setLocale': (ctx, { locale }) => setLocale(ctx, locale),
  'demo.load': (ctx) => loadDemo(ctx),
  'maintenance.integrityCheck': (ctx) => integrityCheck(ctx),
  'maintenance.integrityStatus': (ctx) => integrityStatus(ctx),
  'maintenance.backup': (ctx) => backupNow(ctx),
  'backups.list': (ctx) => backupOverview(ctx),
  'backups.runScheduled': (ctx) => runScheduledBackup(ctx),
  'backups.setKeep': (ctx, { keep }) => setBackupsKept(ctx, keep),
  'backups.restore': (ctx, { name }) => restoreBackup(ctx, name),

  'institutions.list': (ctx, { query }) => listInstitutions(ctx.store.read, query),
  'institutions.create': createInstitution,
  'institutions.update': updateInstitutionService,

  'agreements.list': (ctx, filter) => listAgreements(ctx.store.read, filter),
  'agreements.get': (ctx, { id }) => agreementDetail(ctx.store.read, id),
  'agreements.create': createAgreement,
  'agreements.update': updateAgreementService,
  'agreements.delete': (ctx, { id }) => deleteAgreement(ctx, id, true),
  'agreements.restore': (ctx, { id }) => deleteAgreement(ctx, id, false),

  'groups.saveRevision': saveRevision,
  'groups.deleteRevision': (ctx, { id }) => deleteRevision(ctx, id),

  'tasks.create': createTask,
  'tasks.update': updateTaskService,
  'tasks.delete': (ctx, { id }) => deleteTask(ctx, id, true),
  'tasks.restore': (ctx, { id }) => deleteTask(ctx, id, false),
  'tasks.createBatch': createTaskBatch,

  'plans.list': (ctx, { agreementId, year }) => listPlans(ctx, agreementId, year),
  'plans.get': (ctx, { agreementId, month }) => getPlan(ctx, agreementId, month),
  'plans.create': createPlan,
  'plans.saveItem': saveItem,
  'plans.deleteItem': (ctx, { id }) => deleteItem(ctx, id),
  'plans.submit': (ctx, { id, by }) => submitPlan(ctx, id, by),
  'plans.approve': approvePlan,
  'plans.return': returnPlan,
  'plans.copyUnfinished': copyUnfinished,

  'activities.list': searchActivities,
  'activities.get': (ctx, { id }) => readActivity(ctx, id),
  'activities.create': createActivity,
  'activities.createBatch': (ctx, { activities }) => createActivityBatch(ctx, activities),
  'activities.update': updateActivityService,
  'activities.linkPlanItem': (ctx, { id, planItemId }) => linkPlanItem(ctx, id, planItemId),
  'activities.delete': (ctx, { id }) => deleteActivity(ctx, id, true),
  'activities.restore': (ctx, { id }) => deleteActivity(ctx, id, false),

  'secondments.list': (ctx, { agreementId, onDate }) => listSecondments(ctx.store.read, agreementId, onDate),
  'secondments.create': createSecondment,
  'secondments.update': updateSecondmentService,
  'secondments.delete': (ctx, { id }) => deleteSecondment(ctx, id),

  'outcomes.list': (ctx, { agreementId, activityId }) =>
    listOutcomes(ctx.store.read, agreementId, activityId),
  'outcomes.create': createOutcome,
  'outcomes.update': updateOutcomeService,
  'outcomes.delete': (ctx, { id }) => deleteOutcome(ctx, id),

  'attachments.add': addAttachment,
  'attachments.list': (ctx, { entityTable, entityId }) =>
    listAttachments(ctx.store.read, entityTable, entityId),
  'attachments.read': (ctx, { id }) => readAttachment(ctx, id),
  'attachments.remove': (ctx, { id }) => removeAttachment(ctx, id),

  'ledger.importPreview': previewImport,
  'ledger.importCommit': commitImport,
  'ledger.export': (ctx, filter) => exportLedger(ctx, filter),

  'sync.status': (ctx) => syncStatus(ctx),
  'sync.export': async (ctx, input) => {
    // Checked before the work of exporting: without a target there is nowhere to deliver it.
    if (input.deliver) enabledTargets(ctx);
    return bundleFileOf(await exportBundle(ctx, input));
  },
  'sync.inspect': (ctx, { dataBase64 }) => inspectBundle(ctx, archiveFromBase64(dataBase64)),
  'sync.resolveConflict': (ctx, { id, keep }) => resolveConflict(ctx, id, keep),
  'sync.import': (ctx, { dataBase64, confirmFingerprint }) =>
    importBundle(ctx, archiveFromBase64(dataBase64), confirmFingerprint),
  'sync.records': syncRecords,
  'sync.progress': (ctx) => ctx.work.current,
  'sync.settings': (ctx) => syncSettings(ctx),
  'sync.saveSettings': saveSyncSettings,
  'sync.devices': listDevices,
  'sync.retireDevice': (ctx, { deviceId, reason }) => retireDevice(ctx, deviceId, reason),
  'sync.exportJoin': async (ctx, { siteId }) => bundleFileOf(await exportBundle(ctx, { join: { siteId } })),
  'sync.recover': recoverIdentity,

  'delivery.targets': listTargets,
  'delivery.saveTarget': saveTarget,
  'delivery.removeTarget': (ctx, { id }) => removeTarget(ctx, id),
  'delivery.outbox': listOutbox,
  'delivery.run': (ctx, { all }) => deliverDue(ctx, all ? { all } : {}),

  'inbox.scan': scanInbox,
  'inbox.import': (ctx, { path, confirmFingerprint }) => importFromInbox(ctx, path, confirmFingerprint),

  'dashboard.get': dashboardFor,
  'dashboard.years': (ctx, { agreementId }) => recordYearsFor(ctx, agreementId ?? null),
  'reports.list': listReports,
  'reports.open': openReport,
  'reports.get': (ctx, { id }) => getReport(ctx, id),
  'reports.figureSources': figureSourcesOf,
  'reports.saveSection': saveSection,
  'reports.resetSection': resetSection,
  'reports.export': exportReport,
  'reports.pdf': (ctx, { reportId }) => reportPdf(ctx, reportId),
  'reports.photoChoices': (ctx, { reportId }) => reportPhotoChoices(ctx, reportId),
  'reports.addPhoto': addPhoto,
  'reports.captionPhoto': captionPhoto,
  'reports.movePhoto': movePhoto,
  'reports.removePhoto': (ctx, { id }) => removePhoto(ctx, id),
  'reports.monthlyPlan': (ctx, { agreementId, month }) => monthlyPlanReport(ctx, agreementId, month),
  'reports.planPdf': (ctx, { agreementId, month }) => planPdf(ctx, agreementId, month),
};
