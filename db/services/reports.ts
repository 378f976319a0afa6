import { and, desc, eq, isNull } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import type {
  FigureSources,
  figureSourcesInput,
  PlanReport,
  ReportDocument,
  ReportScope,
  ReportSummary,
  reportExportInput,
  reportListInput,
  reportOpenInput,
  sectionResetInput,
  sectionSaveInput,
} from '../../electron/shared/schemas/reports';
import type { ReportTemplate } from '../../electron/shared/domain';
import type { ExportFile } from '../../electron/shared/schemas/ledgerImport';
import { cleanFileName } from '../attachments/fileName';
import type { ReadDb, Store, WriteDb } from '../client';
import { readDashboard, recordYears } from '../reports/dashboard';
import { localDay } from '../reports/localDay';
import type { Book } from '../reports/figures';
import { buildReport, type BuiltReport } from '../reports/model';
import { readPhotoLinks } from '../reports/photos';
import { planReport } from '../reports/planReport';
import { renderDocx } from '../reports/render/docx';
import { renderXlsx } from '../reports/render/xlsx';
import { templateSections } from '../reports/templates';
import { notFound, stampNew } from '../repositories/rows';
import { agreements, institutions, reports, reportSections, sites } from '../schema';
import { attachmentBytes, blobStore } from './attachments';
import { requireIdentity, type ServiceContext } from './context';

type ReportRow = typeof reports.$inferSelect;

export const reportRow = (db: ReadDb | WriteDb, id: string): ReportRow => {
  const row = db.orm
    .select()
    .from(reports)
    .where(and(eq(reports.id, id), isNull(reports.deletedAt)))
    .get();
  if (!row) throw notFound('报告');
  return row;
};

const institutionName = (ctx: ServiceContext): string => {
  const me = requireIdentity(ctx);
  const row = ctx.store.read.orm
    .select({ name: institutions.name, site: sites.name })
    .from(sites)
    .leftJoin(institutions, eq(institutions.id, sites.institutionId))
    .where(eq(sites.id, me.siteId))
    .get();
  return row?.name ?? row?.site ?? '';
};

/**
 * The institution a report is for: an agreement's report speaks for its supporting side (this site's own
 * institution when it is one of the supporters, as each college of a 组团式 agreement reports for itself,
 * else the first supporter); a site's report speaks for the site.
 */
const reportInstitution = (ctx: ServiceContext, agreementId: string | null): string => {
  const mine = institutionName(ctx);
  if (!agreementId) return mine;
  const supporters = ctx.store.read.sqlite
    .prepare(
      `SELECT i.name FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id
       WHERE p.agreement_id = ? AND p.role = '支援方' AND p.deleted_at IS NULL ORDER BY p.sort`,
    )
    .all(agreementId) as { name: string }[];
  const names = supporters.map((r) => r.name);
  return names.includes(mine) ? mine : (names[0] ?? mine);
};

/**
 * What a report covers. An agreement's report covers that agreement; a site's covers the agreements that
 * site keeps (at a college, its own; at the department, every site's).
 */
export const scopeOf = (ctx: ServiceContext, row: ReportRow): ReportScope => {
  const me = requireIdentity(ctx);
  return {
    agreementId: row.agreementId,
    siteId: row.agreementId || me.mode === 'department' ? null : me.siteId,
    year: row.year,
  };
};

// The book of the report built last, so asking for a figure's records does not count the year again while
// nothing was written since: the read connection's data_version moves with every commit of the writer.
const lastBuilt = new WeakMap<Store, { key: string; book: Book }>();
const bookKey = (ctx: ServiceContext, row: ReportRow) =>
  `${row.id}:${String(ctx.store.read.sqlite.pragma('data_version', { simple: true }))}`;

const build = (ctx: ServiceContext, row: ReportRow): BuiltReport => {
  const key = bookKey(ctx, row);
  const saved = ctx.store.read.orm
    .select({ key: reportSections.key, body: reportSections.body, edited: reportSections.edited })
    .from(reportSections)
    .where(and(eq(reportSections.reportId, row.id), isNull(reportSections.deletedAt)))
    .all();
  const files = blobStore(ctx);
  const built = buildReport(
    ctx.store.read,
    {
      reportId: row.id,
      template: row.template as ReportTemplate,
      title: row.title,
      institution: reportInstitution(ctx, row.agreementId),
      date: localDay(new Date()),
    },
    scopeOf(ctx, row),
    saved,
    readPhotoLinks(ctx.store.read, row.id, (sha) => existsSync(files.pathOf(sha))),
  );
  lastBuilt.set(ctx.store, { key, book: built.book });
  return built;
};

const document = (ctx: ServiceContext, row: ReportRow): ReportDocument => build(ctx, row).doc;

const bookOf = (ctx: ServiceContext, row: ReportRow): Book => {
  const cached = lastBuilt.get(ctx.store);
  return cached?.key === bookKey(ctx, row) ? cached.book : build(ctx, row).book;
};

/** One page of the records behind a figure of the report, as the figure-source panel lists them. */
export const figureSourcesOf = (
  ctx: ServiceContext,
  input: z.output<typeof figureSourcesInput>,
): FigureSources => {
  requireIdentity(ctx);
  const book = bookOf(ctx, reportRow(ctx.store.read, input.reportId));
  const figure = book.registered(input.figureId) ?? book.figures[input.figureId];
  if (!figure) throw notFound('报告中的这一数据');
  const all = book.sourcesOf(input.figureId);
  const offset = input.offset ?? 0;
  return {
    figure,
    total: all.length,
    sources: all.slice(offset, offset + (input.limit ?? 200)).map((s) => ({ ...s.ref, part: s.part })),
  };
};

/** The report for an agreement (or the whole site), year and template: opened if it exists, else made. */
export const openReport = (ctx: ServiceContext, input: z.output<typeof reportOpenInput>): ReportDocument => {
  const me = requireIdentity(ctx);
  const existing = ctx.store.read.orm
    .select()
    .from(reports)
    .where(
      and(
        // A site-wide report is each site's own (another site's, received by sync, covers other agreements).
        input.agreementId === null
          ? and(isNull(reports.agreementId), eq(reports.ownerSite, me.siteId))
          : eq(reports.agreementId, input.agreementId),
        eq(reports.year, input.year),
        eq(reports.template, input.template),
        isNull(reports.deletedAt),
      ),
    )
    .orderBy(desc(reports.createdAt))
    .get();
  if (existing) return document(ctx, existing);
  const row = ctx.store.tx((w) => {
    const agreement = input.agreementId
      ? w.orm
          .select()
          .from(agreements)
          .where(and(eq(agreements.id, input.agreementId), isNull(agreements.deletedAt)))
          .get()
      : undefined;
    if (input.agreementId && !agreement) throw notFound('协议');
    const program = agreement ? agreement.programType : '帮扶';
    const values = {
      ...stampNew(w, me.siteId),
      agreementId: input.agreementId,
      year: input.year,
      template: input.template,
      title: `${reportInstitution(ctx, input.agreementId)} ${input.year} 年${program}工作报告`,
      status: '草稿',
    };
    w.orm.insert(reports).values(values).run();
    return reportRow(w, values.id);
  });
  return document(ctx, row);
};

export const getReport = (ctx: ServiceContext, id: string): ReportDocument =>
  document(ctx, reportRow(ctx.store.read, id));

export const listReports = (
  ctx: ServiceContext,
  input: z.output<typeof reportListInput>,
): ReportSummary[] => {
  requireIdentity(ctx);
  return ctx.store.read.orm
    .select({
      id: reports.id,
      agreementId: reports.agreementId,
      year: reports.year,
      template: reports.template,
      title: reports.title,
      updatedAt: reports.updatedAt,
    })
    .from(reports)
    .where(
      and(
        isNull(reports.deletedAt),
        input.agreementId === undefined
          ? undefined
          : input.agreementId === null
            ? isNull(reports.agreementId)
            : eq(reports.agreementId, input.agreementId),
      ),
    )
    .orderBy(desc(reports.year), desc(reports.updatedAt))
    .all() as ReportSummary[];
};

const sectionSpec = (row: ReportRow, key: string) => {
  const spec = templateSections(row.template as ReportTemplate).find((s) => s.key === key);
  if (!spec || spec.kind === 'summary')
    throw new AppFailure('VALIDATION', '报告中没有这一部分，或这一部分不能编辑');
  return spec;
};

const writeSection = (
  w: WriteDb,
  row: ReportRow,
  key: string,
  values: { body: string; edited: boolean },
): void => {
  const spec = sectionSpec(row, key);
  const sort = templateSections(row.template as ReportTemplate).indexOf(spec);
  const current = w.orm
    .select()
    .from(reportSections)
    .where(
      and(eq(reportSections.reportId, row.id), eq(reportSections.key, key), isNull(reportSections.deletedAt)),
    )
    .get();
  const t = w.now();
  if (current) {
    if (current.body === values.body && current.edited === values.edited) return;
    w.orm
      .update(reportSections)
      .set({ ...values, updatedAt: t })
      .where(eq(reportSections.id, current.id))
      .run();
  } else
    w.orm
      .insert(reportSections)
      .values({
        ...stampNew(w, row.ownerSite),
        reportId: row.id,
        key,
        heading: spec.heading,
        generated: spec.kind === 'generated',
        sort,
        ...values,
      })
      .run();
  w.orm.update(reports).set({ updatedAt: t }).where(eq(reports.id, row.id)).run();
};

/**
 * Saves a section as a person wrote it. A generated section saved this way is printed as written from
 * then on (its figures stay listed beside it) until it is reset to the generated text.
 */
export const saveSection = (
  ctx: ServiceContext,
  input: z.output<typeof sectionSaveInput>,
): ReportDocument => {
  requireIdentity(ctx);
  const row = ctx.store.tx((w) => {
    const r = reportRow(w, input.reportId);
    const spec = sectionSpec(r, input.key);
    writeSection(w, r, input.key, { body: input.body.trim(), edited: spec.kind === 'generated' });
    return r;
  });
  return document(ctx, row);
};

export const resetSection = (
  ctx: ServiceContext,
  input: z.output<typeof sectionResetInput>,
): ReportDocument => {
  requireIdentity(ctx);
  const row = ctx.store.tx((w) => {
    const r = reportRow(w, input.reportId);
    if (sectionSpec(r, input.key).kind !== 'generated')
      throw new AppFailure('VALIDATION', '只有自动生成的部分可以恢复为生成内容');
    writeSection(w, r, input.key, { body: '', edited: false });
    return r;
  });
  return document(ctx, row);
};

// Report names come from agreement titles (typed here or received by sync): the same cleaning as
// attachment names, so no control or bidi character reaches the saved file's name.
const safeName = (s: string) => cleanFileName(s) || '报告';

export const exportReport = async (
  ctx: ServiceContext,
  input: z.output<typeof reportExportInput>,
): Promise<ExportFile> => {
  const { doc, book } = build(ctx, reportRow(ctx.store.read, input.reportId));
  const bytes =
    input.format === 'docx'
      ? await renderDocx(doc, (id) => attachmentBytes(ctx, id))
      : await renderXlsx(doc, book);
  const name = input.format === 'docx' ? doc.title : `${doc.year} 年结对帮扶计划实施情况汇总表`;
  return {
    fileName: `${safeName(name)}.${input.format}`,
    dataBase64: Buffer.from(bytes).toString('base64'),
    rows: doc.summary.length,
  };
};

/** The years with records, newest first: the overview and the report open on the latest of them. */
export const recordYearsFor = (ctx: ServiceContext, agreementId: string | null): number[] => {
  requireIdentity(ctx);
  return recordYears(ctx.store.read, agreementId);
};

export const dashboardFor = (ctx: ServiceContext, scope: ReportScope) => {
  requireIdentity(ctx);
  return readDashboard(ctx.store.read, scope, localDay(new Date()));
};

const printer = (ctx: ServiceContext) => {
  const p = ctx.printer.current;
  if (!p)
    throw new AppFailure('UNSUPPORTED', '此环境不能直接生成 PDF：请在「打印预览」中选择「打印 / 存为 PDF」');
  return p;
};

const pdfFile = (name: string, bytes: Uint8Array): ExportFile => ({
  fileName: `${safeName(name)}.pdf`,
  dataBase64: Buffer.from(bytes).toString('base64'),
  rows: 0,
});

/** The report as PDF, printed from its print view by the shell's printer. */
export const reportPdf = async (ctx: ServiceContext, reportId: string): Promise<ExportFile> => {
  const row = reportRow(ctx.store.read, reportId);
  return pdfFile(row.title, await printer(ctx).print({ kind: 'report', id: reportId }));
};

/** The monthly plan as the supervisor signs it. */
export const monthlyPlanReport = (ctx: ServiceContext, agreementId: string, month: string): PlanReport => {
  requireIdentity(ctx);
  return planReport(ctx.store.read, agreementId, month, institutionName(ctx));
};

export const planPdf = async (
  ctx: ServiceContext,
  agreementId: string,
  month: string,
): Promise<ExportFile> => {
  const plan = monthlyPlanReport(ctx, agreementId, month);
  const bytes = await printer(ctx).print({ kind: 'plan', agreementId, month });
  return pdfFile(`${plan.agreementTitle} ${month} 月度工作计划`, bytes);
};
