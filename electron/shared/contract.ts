import { z } from 'zod';
import type { Result } from './errors';
import type { AppEventListener } from './events';
import {
  activity,
  activityBatchInput,
  activityInput,
  activityListInput,
  activityLinkInput,
  activityPage,
  activityUpdateInput,
} from './schemas/activities';
import {
  attachment,
  attachmentAddInput,
  attachmentContent,
  attachmentListInput,
} from './schemas/attachments';
import { appStatus, demoResult, localeInput, setupInput } from './schemas/app';
import {
  backupKeepInput,
  backupOverview,
  integrityStatus,
  restoreInput,
  restoreResult,
} from './schemas/backups';
import {
  agreementDetail,
  agreementInput,
  agreementListInput,
  agreementPage,
  agreementUpdateInput,
} from './schemas/agreements';
import { idInput } from './schemas/common';
import {
  exportFile,
  importCommitInput,
  importPreview,
  importPreviewInput,
  importResult,
  ledgerExportInput,
} from './schemas/ledgerImport';
import { groupRevision, groupRevisionInput } from './schemas/groups';
import {
  institution,
  institutionInput,
  institutionListInput,
  institutionUpdateInput,
} from './schemas/institutions';
import {
  plan,
  planActionInput,
  planCopyInput,
  planCreateInput,
  planItemInput,
  planKeyInput,
  planListInput,
  planReturnInput,
  planReviewInput,
  planSummary,
} from './schemas/plans';
import {
  outcome,
  outcomeInput,
  outcomeListInput,
  outcomeUpdateInput,
  secondment,
  secondmentInput,
  secondmentListInput,
  secondmentUpdateInput,
} from './schemas/secondments';
import {
  bundleReport,
  conflictResolveInput,
  deviceInfo,
  joinExportInput,
  joinPreview,
  recoverInput,
  recoverOutput,
  retireDeviceInput,
  syncExportInput,
  syncExportOutput,
  inboxEntry,
  inboxImportInput,
  syncFileInput,
  syncRecordPage,
  syncRecordsInput,
  syncSettings,
  syncStatus,
  workProgress,
} from './schemas/sync';
import { deliverInput, deliveryTarget, outboxEntry, targetInput } from './schemas/delivery';
import {
  dashboard,
  dashboardInput,
  figureSources,
  figureSourcesInput,
  recordYearsInput,
  reportDocument,
  reportExportInput,
  reportListInput,
  reportOpenInput,
  planReport,
  reportPdfInput,
  reportSummary,
  sectionResetInput,
  sectionSaveInput,
} from './schemas/reports';
import {
  photoAddInput,
  photoCaptionInput,
  photoChoice,
  photoChoicesInput,
  photoMoveInput,
} from './schemas/reportPhotos';
import { task, taskBatchInput, taskInput, taskUpdateInput } from './schemas/tasks';

// Every method the renderer may call, with its strict input schema (unknown keys refused) and output
// schema. Both transports (Electron IPC and the web bridge) dispatch through this one table.

const empty = z.strictObject({});
const idOutput = z.strictObject({ id: z.string() });

/**
 * How a method may run beside others. 'read' uses only the read-only connection, so it is answered even
 * while an 'alone' call (a bundle import holding its transaction open across chunks) runs, from the last
 * commit. 'write' calls run side by side as they always have, but never during an 'alone' or 'exclusive'
 * one. 'alone' keeps every other writer out. 'exclusive' keeps everything out: the database file itself may
 * be closed and replaced.
 */
export type Access = 'read' | 'write' | 'alone' | 'exclusive';
/** 'required': refused with NOT_INITIALIZED until first-run setup (or joining) has made this device. */
export type Setup = 'required' | 'none';
export interface MethodRules {
  access?: Access;
  setup?: Setup;
}

const method = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  { access = 'write', setup = 'none' }: MethodRules = {},
) => ({ input, output, access, setup });
const read: MethodRules = { access: 'read', setup: 'required' };

export const contract = {
  'app.status': method(empty, appStatus, { access: 'read' }),
  'app.setup': method(setupInput, appStatus),
  'app.joinPreview': method(syncFileInput, joinPreview),
  'app.join': method(syncFileInput, appStatus, { access: 'alone' }),
  'settings.setLocale': method(localeInput, appStatus),
  'demo.load': method(empty, demoResult),
  'maintenance.integrityCheck': method(
    empty,
    z.strictObject({ ok: z.boolean(), problems: z.array(z.string()) }),
  ),
  'maintenance.integrityStatus': method(empty, integrityStatus),
  'maintenance.backup': method(
    empty,
    z.strictObject({ file: z.string(), size: z.number(), kept: z.number() }),
  ),
  'backups.list': method(empty, backupOverview),
  'backups.runScheduled': method(empty, backupOverview),
  'backups.setKeep': method(backupKeepInput, backupOverview),
  'backups.restore': method(restoreInput, restoreResult, { access: 'exclusive' }),

  'institutions.list': method(institutionListInput, z.array(institution), read),
  'institutions.create': method(institutionInput, institution),
  'institutions.update': method(institutionUpdateInput, institution),

  'agreements.list': method(agreementListInput, agreementPage, read),
  'agreements.get': method(idInput, agreementDetail, read),
  'agreements.create': method(agreementInput, agreementDetail),
  'agreements.update': method(agreementUpdateInput, agreementDetail),
  'agreements.delete': method(idInput, idOutput),
  'agreements.restore': method(idInput, idOutput),

  'groups.saveRevision': method(groupRevisionInput, groupRevision),
  'groups.deleteRevision': method(idInput, idOutput),

  'tasks.create': method(taskInput, task),
  'tasks.update': method(taskUpdateInput, task),
  'tasks.delete': method(idInput, idOutput),
  'tasks.restore': method(idInput, idOutput),
  'tasks.createBatch': method(taskBatchInput, z.strictObject({ ids: z.array(z.string()) })),

  'plans.list': method(planListInput, z.array(planSummary), read),
  'plans.get': method(planKeyInput, plan.nullable(), read),
  'plans.create': method(planCreateInput, plan),
  'plans.saveItem': method(planItemInput, plan),
  'plans.deleteItem': method(idInput, plan),
  'plans.submit': method(planActionInput, plan),
  'plans.approve': method(planReviewInput, plan),
  'plans.return': method(planReturnInput, plan),
  'plans.copyUnfinished': method(planCopyInput, plan),

  'activities.list': method(activityListInput, activityPage, read),
  'activities.get': method(idInput, activity, read),
  'activities.create': method(activityInput, activity),
  'activities.createBatch': method(activityBatchInput, z.strictObject({ ids: z.array(z.string()) })),
  'activities.update': method(activityUpdateInput, activity),
  'activities.linkPlanItem': method(activityLinkInput, activity),
  'activities.delete': method(idInput, idOutput),
  'activities.restore': method(idInput, idOutput),

  'secondments.list': method(secondmentListInput, z.array(secondment), read),
  'secondments.create': method(secondmentInput, secondment),
  'secondments.update': method(secondmentUpdateInput, secondment),
  'secondments.delete': method(idInput, idOutput),

  'outcomes.list': method(outcomeListInput, z.array(outcome), read),
  'outcomes.create': method(outcomeInput, outcome),
  'outcomes.update': method(outcomeUpdateInput, outcome),
  'outcomes.delete': method(idInput, idOutput),

  'attachments.add': method(attachmentAddInput, attachment),
  'attachments.list': method(attachmentListInput, z.array(attachment), read),
  'attachments.read': method(idInput, attachmentContent),
  'attachments.remove': method(idInput, idOutput),

  'ledger.importPreview': method(importPreviewInput, importPreview),
  'ledger.importCommit': method(importCommitInput, importResult),
  'ledger.export': method(ledgerExportInput, exportFile),

  'sync.status': method(empty, syncStatus, read),
  'sync.export': method(syncExportInput, syncExportOutput),
  'sync.inspect': method(syncFileInput, bundleReport, { access: 'alone' }),
  'sync.import': method(syncFileInput, bundleReport, { access: 'alone' }),
  'sync.resolveConflict': method(conflictResolveInput, z.strictObject({ id: z.number() })),
  'sync.records': method(syncRecordsInput, syncRecordPage),
  'sync.progress': method(empty, workProgress, { access: 'read' }),
  'sync.settings': method(empty, syncSettings, read),
  'sync.saveSettings': method(syncSettings, syncSettings),
  'sync.devices': method(empty, z.array(deviceInfo), read),
  'sync.retireDevice': method(retireDeviceInput, z.array(deviceInfo)),
  'sync.exportJoin': method(joinExportInput, syncExportOutput),
  'sync.recover': method(recoverInput, recoverOutput, { access: 'exclusive' }),

  'delivery.targets': method(empty, z.array(deliveryTarget), read),
  'delivery.saveTarget': method(targetInput, z.array(deliveryTarget)),
  'delivery.removeTarget': method(idInput, z.array(deliveryTarget)),
  'delivery.outbox': method(empty, z.array(outboxEntry), read),
  'delivery.run': method(deliverInput, z.array(outboxEntry)),

  'inbox.scan': method(empty, z.array(inboxEntry), { access: 'alone' }),
  'inbox.import': method(inboxImportInput, bundleReport, { access: 'alone' }),

  'dashboard.get': method(dashboardInput, dashboard, read),
  'dashboard.years': method(recordYearsInput, z.array(z.number()), read),
  'reports.list': method(reportListInput, z.array(reportSummary), read),
  'reports.open': method(reportOpenInput, reportDocument),
  'reports.get': method(idInput, reportDocument),
  'reports.figureSources': method(figureSourcesInput, figureSources),
  'reports.saveSection': method(sectionSaveInput, reportDocument),
  'reports.resetSection': method(sectionResetInput, reportDocument),
  'reports.export': method(reportExportInput, exportFile),
  // A PDF only reads its report and then waits for the print view, whose own calls must pass the gate: as a
  // write it held back the background inbox scan, and the print view's calls waited behind the scan.
  'reports.pdf': method(reportPdfInput, exportFile, { access: 'read' }),
  'reports.photoChoices': method(photoChoicesInput, z.array(photoChoice), read),
  'reports.addPhoto': method(photoAddInput, reportDocument),
  'reports.captionPhoto': method(photoCaptionInput, reportDocument),
  'reports.movePhoto': method(photoMoveInput, reportDocument),
  'reports.removePhoto': method(idInput, reportDocument),
  'reports.monthlyPlan': method(planKeyInput, planReport),
  'reports.planPdf': method(planKeyInput, exportFile, { access: 'read' }),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a handler receives: the input after validation and normalisation. */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];
export const isMethod = (name: unknown): name is Method =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

/** The one object the renderer talks to, whatever carries the call. */
export interface BangfuApi {
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>>;
  /** Listens to what the backend pushes (progress); returns how to stop listening. */
  onEvent(listener: AppEventListener): () => void;
}

export { IPC_CHANNEL } from './ipc';

export type { Result, AppError } from './errors';
export type { AppEvent, AppEventListener } from './events';
export type * from './schemas/agreements';
export type * from './schemas/app';
export type * from './schemas/backups';
export type * from './schemas/groups';
export type * from './schemas/institutions';
export type * from './schemas/tasks';
export type * from './schemas/plans';
export type * from './schemas/activities';
export type * from './schemas/secondments';
export type * from './schemas/attachments';
export type * from './schemas/ledgerImport';
export type * from './schemas/sync';
export type * from './schemas/reports';
export type * from './schemas/reportPhotos';
export type * from './domain';
