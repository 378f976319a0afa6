import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import {
  MAX_IMPORT_ROWS,
  MAX_WORKBOOK_BYTES,
  PREVIEW_ROWS,
  type ImportInput,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type importCommitInput,
} from '../../electron/shared/schemas/ledgerImport';
import { agreementRow } from '../repositories/agreements';
import type { ServiceContext } from '../services/context';
import { siteOf } from '../services/setup';
import { headerScore } from './columns';
import { commitActivities, decideActivities } from './decideActivities';
import type { Grid } from './grid';
import { commitTasks, decideTasks } from './importTasks';
import { findTable, type SkipReason } from './layout';
import { TOO_MANY_ROWS, forgetWorkbook, readWorkbook } from './readWorkbook';
import { readTables, type ColumnInfo } from './readTables';
import { readTaskRows } from './readTaskRows';
import { chooseSheets, type SheetChoice } from './sheets';
import { taskHeaderScore } from './taskColumns';

// Preview and commit read the file the same way (the commit reuses the preview's reading of the same
// bytes) and decide every row the same way, so the commit writes exactly what the preview showed; it
// refuses when the ledger changed in between so that the preview would now say otherwise.

const refuse = (message: string, field = 'file'): never => {
  throw new AppFailure('VALIDATION', message, { [field]: message });
};

const SKIPPED: Record<SkipReason, string> = {
  blank: '空行',
  total: '合计、小计行',
  signature: '签字、填表人行',
  note: '说明行',
  hidden: '隐藏的行',
  header: '重复的表头行',
};

const summary = (c: SheetChoice): ImportPreview['sheets'][number] => ({
  name: c.grid.name,
  chosen: c.chosen,
  rows: c.table ? Math.max(0, (c.grid.rows.at(-1)?.n ?? 0) - c.table.headerRows.at(-1)!) : 0,
  note: c.note,
});

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The province's 汇总表 when its headers name more 汇总表 columns than activity ones, else an activity ledger. */
const layoutOf = (grids: Grid[]): ImportPreview['layout'] => {
  const visible = grids.filter((g) => !g.hidden);
  const best = (score: (cells: string[]) => number) =>
    Math.max(0, ...visible.map((g) => findTable(g, score)?.score ?? 0));
  const tasks = best(taskHeaderScore);
  return tasks >= 5 && tasks > best(headerScore) ? 'tasks' : 'activities';
};

interface Analysis {
  layout: ImportPreview['layout'];
  /** Every sheet as the preview lists it. */
  sheets: ImportPreview['sheets'];
  columns: Map<string, ColumnInfo>;
  skipped: Map<SkipReason, { sheet: string; row: number }[]>;
  /** Either layout's rows: activity rows may name an unknown type, task rows a plan item. */
  rows: (ImportRow & { unknownType?: string | null; plan?: unknown })[];
}

const analyse = async (ctx: ServiceContext, input: ImportInput) => {
  const db = ctx.store.read;
  const agreement = agreementRow(db, input.agreementId);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) refuse(`“${input.fileName}”是空文件`);
  if (bytes.length > MAX_WORKBOOK_BYTES) refuse('文件过大：不能超过 30 MB');
  // The sheets' rows as they are read, then (below) as they are analysed: the dialog's bar fills twice.
  const book = await readWorkbook(bytes, input.fileName, async (done, total) => {
    ctx.work.current = { task: 'import', done, total };
    await yieldNow();
  }).finally(() => {
    ctx.work.current = null;
  });
  const layout = layoutOf(book.sheets);
  const choices = chooseSheets(book.sheets, input.sheets, layout === 'tasks' ? taskHeaderScore : headerScore);
  const chosen = choices.filter((c) => c.chosen && c.table);
  if (chosen.length === 0)
    refuse('找不到表头：请确认表格中有“活动名称”“活动类型”“日期”等列名，或选择其他工作表', 'sheets');
  const total = chosen.reduce((n, c) => n + c.grid.rows.length - c.table!.dataStart, 0);
  if (total > MAX_IMPORT_ROWS) refuse(TOO_MANY_ROWS);
  const sheets = choices.map(summary);
  if (layout === 'tasks') {
    const read = readTaskRows(chosen, input, agreement);
    return { layout, sheets, ...read, rows: decideTasks(db, input.agreementId, read.rows) } as const;
  }
  ctx.work.current = { task: 'import', done: 0, total };
  try {
    const tables = await readTables(chosen, input, agreement, async (done) => {
      if (done % 1000 === 0) {
        ctx.work.current = { task: 'import', done, total };
        await yieldNow();
      }
    });
    return {
      layout,
      sheets,
      ...tables,
      rows: decideActivities(db, input.agreementId, tables.rows),
    } as const;
  } finally {
    ctx.work.current = null;
  }
};

const ORDER: Record<ImportRow['status'], number> = { held: 0, update: 1, new: 2, same: 3 };

const layoutNote = (a: Analysis) => {
  const names = a.sheets
    .filter((s) => s.chosen)
    .map((s) => `“${s.name}”`)
    .join('');
  if (a.layout === 'activities') return `识别为活动台账：读取工作表 ${names}，共 ${a.rows.length} 条活动`;
  const dated = a.rows.filter((r) => r.status !== 'held' && r.plan).length;
  return `识别为省汇总表：工作表 ${names} 的 ${a.rows.length} 行将导入为本协议的帮扶项目（不是活动），其中 ${dated} 行有计划时间，同时加入当月工作计划`;
};

const toPreview = (a: Analysis, from: number): ImportPreview => {
  const many = a.sheets.filter((s) => s.chosen).length > 1;
  const { rows } = a;
  const count = (s: ImportRow['status']) => rows.filter((r) => r.status === s).length;
  const unknown = new Map<string, number>();
  for (const r of rows) if (r.unknownType) unknown.set(r.unknownType, (unknown.get(r.unknownType) ?? 0) + 1);
  const rank = (r: Analysis['rows'][number]) =>
    r.status === 'new' && r.warnings.length > 0 ? 1.5 : ORDER[r.status];
  const where = (list: { sheet: string; row: number }[]) =>
    list
      .slice(0, 8)
      .map((r) => (many ? `${r.sheet} 第 ${r.row} 行` : `第 ${r.row} 行`))
      .join('、') + (list.length > 8 ? ' 等' : '');
  return {
    layout: a.layout,
    layoutNote: layoutNote(a),
    sheets: a.sheets,
    columns: [...a.columns.values()].map((c) => ({
      header: c.header,
      field: c.field,
      note: c.notes.size > 0 ? [...c.notes].join('；') : null,
    })),
    unknownTypes: [...unknown].map(([text, n]) => ({ text, rows: n })),
    skipped: [...a.skipped].map(
      ([reason, list]) => `${SKIPPED[reason]} ${list.length} 行未导入（${where(list)}）`,
    ),
    rows: rows
      .map((r, i) => ({ r, i }))
      .sort((x, y) => rank(x.r) - rank(y.r) || x.i - y.i)
      .slice(from, from + PREVIEW_ROWS)
      .map(({ r }) => ({
        sheet: r.sheet,
        row: r.row,
        status: r.status,
        values: r.values,
        raw: r.raw,
        warnings: r.warnings,
        errors: r.errors,
      })),
    rowsFrom: from,
    counts: {
      total: rows.length,
      create: count('new'),
      update: count('update'),
      same: count('same'),
      held: count('held'),
      warnings: rows.filter((r) => r.status !== 'held' && r.warnings.length > 0).length,
    },
  };
};

// The last preview's analysis, kept for the commit that follows it with the same choices while nothing has
// been written since (every synced write adds to the change log): the commit then decides nothing anew.
let kept: { key: string; marker: number; analysis: Awaited<ReturnType<typeof analyse>> } | null = null;

const choicesKey = (input: ImportInput) => {
  const { expected: _e, rowsFrom: _r, ...choices } = input as ImportInput & { expected?: unknown };
  return createHash('sha256').update(JSON.stringify(choices)).digest('hex');
};

const marker = (ctx: ServiceContext): number =>
  ctx.store.read.orm.get<{ m: number }>(sql`SELECT coalesce(max(rowid), 0) AS m FROM change_log`).m;

export const previewImport = async (ctx: ServiceContext, input: ImportInput): Promise<ImportPreview> => {
  siteOf(ctx);
  const key = choicesKey(input);
  // Paging through the rows, or asking again with the same choices, reads and decides nothing anew.
  const same = kept?.key === key && kept.marker === marker(ctx) ? kept.analysis : null;
  kept = null;
  const analysis = same ?? (await analyse(ctx, input));
  kept = { key, marker: marker(ctx), analysis };
  const last = Math.max(0, analysis.rows.length - 1);
  return toPreview(analysis, Math.min(input.rowsFrom ?? 0, last - (last % PREVIEW_ROWS)));
};

/** Writes what the preview showed, in one transaction: all of it or, on any failure, none. */
export const commitImport = async (
  ctx: ServiceContext,
  input: z.output<typeof importCommitInput>,
): Promise<ImportResult> => {
  const site = siteOf(ctx);
  const reuse = kept?.key === choicesKey(input) && kept.marker === marker(ctx) ? kept.analysis : null;
  kept = null;
  const a = reuse ?? (await analyse(ctx, input));
  const create = a.rows.filter((r) => r.status === 'new').length;
  const update = a.rows.filter((r) => r.status === 'update').length;
  if (create !== input.expected.create || update !== input.expected.update)
    refuse('台账在预览之后有变化：请重新预览后再导入');
  const result = ctx.store.tx((w) => {
    agreementRow(w, input.agreementId);
    return a.layout === 'tasks' ? commitTasks(w, site, input, a.rows) : commitActivities(w, site, a.rows);
  });
  forgetWorkbook();
  return result;
};
