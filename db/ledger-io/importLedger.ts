import type { z } from 'zod';
import { AppFailure } from '../../electron/shared/errors';
import {
  MAX_IMPORT_ROWS,
  MAX_WORKBOOK_BYTES,
  PREVIEW_ROWS,
  type ImportField,
  type ImportInput,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type importCommitInput,
} from '../../electron/shared/schemas/ledgerImport';
import type { ReadDb } from '../client';
import { activitiesOnDays, insertActivity, updateActivity } from '../repositories/activities';
import { agreementRow } from '../repositories/agreements';
import type { ServiceContext } from '../services/context';
import { siteOf } from '../services/setup';
import { HEADERS } from './columns';
import { changedFields, matchStored, positionKey, type Stored } from './identity';
import type { SkipReason } from './layout';
import { TOO_MANY_ROWS, readWorkbook } from './readWorkbook';
import { readTables, type ReadRow } from './readTables';
import { chooseSheets } from './sheets';

// Preview and commit read the file the same way (the commit reuses the preview's reading of the same
// bytes) and decide every row the same way, so the commit writes exactly what the preview showed; it
// refuses when the ledger changed in between so that the preview would now say otherwise.

interface Decided extends ReadRow {
  status: ImportRow['status'];
  key: string;
  stored: Stored | null;
}

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

const listRows = (rows: { sheet: string; row: number }[], many: boolean) => {
  const shown = rows.slice(0, 8).map((r) => (many ? `${r.sheet} 第 ${r.row} 行` : `第 ${r.row} 行`));
  return shown.join('、') + (rows.length > 8 ? ' 等' : '');
};

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Every row's fate against the ledger as it is: new, an update of a stored activity, the same, or held. */
const decide = (db: ReadDb, agreementId: string, rows: ReadRow[]): Decided[] => {
  const days = [...new Set(rows.flatMap((r) => (r.input ? [r.input.startDate] : [])))];
  const byDay = new Map<string, Stored[]>();
  for (const s of activitiesOnDays(db, agreementId, days))
    byDay.set(s.startDate, [...(byDay.get(s.startDate) ?? []), s]);
  const claimed = new Set<string>();
  const inFile = new Map<string, ReadRow>();
  return rows.map((r) => {
    const key = positionKey(agreementId, r.sheet, r.row);
    if (!r.input) return { ...r, status: 'held', key, stored: null };
    const content = JSON.stringify(r.input);
    const twin = inFile.get(content);
    if (twin) {
      const warnings = [
        ...r.warnings,
        { field: 'row', message: `与${twin.sheet} 第 ${twin.row} 行相同，不再导入` },
      ];
      return { ...r, warnings, status: 'same', key, stored: null };
    }
    inFile.set(content, r);
    const stored = matchStored(r.input, key, byDay.get(r.input.startDate) ?? [], claimed);
    if (!stored) return { ...r, status: 'new', key, stored: null };
    claimed.add(stored.id);
    const changed = changedFields(r.input, stored, written(r));
    return { ...r, status: changed.length > 0 ? 'update' : 'same', key, stored };
  });
};

/** The fields a row writes: its sheet's columns, and the end date a date range gives. */
const written = (r: ReadRow): ImportField[] =>
  r.mapped.includes('startDate') && !r.mapped.includes('endDate') ? [...r.mapped, 'endDate'] : r.mapped;

const analyse = async (ctx: ServiceContext, input: ImportInput) => {
  const db = ctx.store.read;
  const agreement = agreementRow(db, input.agreementId);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) refuse(`“${input.fileName}”是空文件`);
  if (bytes.length > MAX_WORKBOOK_BYTES) refuse('文件过大：不能超过 30 MB');
  const book = await readWorkbook(bytes, input.fileName);
  const choices = chooseSheets(book.sheets, input.sheets);
  const chosen = choices.filter((c) => c.chosen && c.table);
  if (chosen.length === 0)
    refuse('找不到表头：请确认表格中有“活动名称”“活动类型”“日期”等列名，或选择其他工作表', 'sheets');
  const total = chosen.reduce((n, c) => n + c.grid.rows.length - c.table!.dataStart, 0);
  if (total > MAX_IMPORT_ROWS) refuse(TOO_MANY_ROWS);
  ctx.work.current = { task: 'import', done: 0, total };
  try {
    const tables = await readTables(chosen, input, agreement, async (done) => {
      if (done % 1000 === 0) {
        ctx.work.current = { task: 'import', done, total };
        await yieldNow();
      }
    });
    return { choices, tables, rows: decide(db, input.agreementId, tables.rows) };
  } finally {
    ctx.work.current = null;
  }
};

const ORDER: Record<ImportRow['status'], number> = { held: 0, update: 1, new: 2, same: 3 };

const toPreview = ({ choices, tables, rows }: Awaited<ReturnType<typeof analyse>>): ImportPreview => {
  const many = choices.filter((c) => c.chosen).length > 1;
  const count = (s: ImportRow['status']) => rows.filter((r) => r.status === s).length;
  const unknown = new Map<string, number>();
  for (const r of rows) if (r.unknownType) unknown.set(r.unknownType, (unknown.get(r.unknownType) ?? 0) + 1);
  const names = choices.filter((c) => c.chosen).map((c) => `“${c.grid.name}”`);
  const rank = (r: Decided) => (r.status === 'new' && r.warnings.length > 0 ? 1.5 : ORDER[r.status]);
  return {
    layout: 'activities',
    layoutNote: `识别为活动台账：读取工作表 ${names.join('')}，共 ${rows.length} 条活动`,
    sheets: choices.map((c) => ({
      name: c.grid.name,
      chosen: c.chosen,
      rows: c.table ? Math.max(0, (c.grid.rows.at(-1)?.n ?? 0) - c.table.headerRows.at(-1)!) : 0,
      note: c.note,
    })),
    columns: [...tables.columns.values()].map((c) => ({
      header: c.header,
      field: c.field,
      note: c.notes.size > 0 ? [...c.notes].join('；') : null,
    })),
    unknownTypes: [...unknown].map(([text, n]) => ({ text, rows: n })),
    skipped: [...tables.skipped].map(
      ([reason, list]) => `${SKIPPED[reason]} ${list.length} 行未导入（${listRows(list, many)}）`,
    ),
    rows: rows
      .map((r, i) => ({ r, i }))
      .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
      .slice(0, PREVIEW_ROWS)
      .map(({ r }) => ({
        sheet: r.sheet,
        row: r.row,
        status: r.status,
        values: r.values,
        raw: r.raw,
        warnings: r.status === 'update' ? [...r.warnings, updateNote(r)] : r.warnings,
        errors: r.errors,
      })),
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

const updateNote = (r: Decided) => ({
  field: 'row',
  message: `将更新已有记录：${changedFields(r.input!, r.stored!, written(r))
    .map((f) => HEADERS[f][0])
    .join('、')}`,
});

export const previewImport = async (ctx: ServiceContext, input: ImportInput): Promise<ImportPreview> => {
  siteOf(ctx);
  return toPreview(await analyse(ctx, input));
};

/** Writes what the preview showed, in one transaction: all of it or, on any failure, none. */
export const commitImport = async (
  ctx: ServiceContext,
  input: z.output<typeof importCommitInput>,
): Promise<ImportResult> => {
  const site = siteOf(ctx);
  const { rows } = await analyse(ctx, input);
  const create = rows.filter((r) => r.status === 'new');
  const update = rows.filter((r) => r.status === 'update');
  if (create.length !== input.expected.create || update.length !== input.expected.update)
    refuse('台账在预览之后有变化：请重新预览后再导入');
  return ctx.store.tx((w) => {
    agreementRow(w, input.agreementId);
    for (const r of create) insertActivity(w, site, { ...r.input!, taskId: null, planItemId: null }, r.key);
    for (const r of update) {
      const { id: _id, evidenceCount: _e, updatedAt: _u, importKey: _k, ...kept } = r.stored!;
      const next = { ...kept };
      for (const f of written(r)) Object.assign(next, { [f]: r.input![f] ?? null });
      updateActivity(w, r.stored!.id, next, r.key);
    }
    return {
      created: create.length,
      updated: update.length,
      same: rows.filter((r) => r.status === 'same').length,
      held: rows.filter((r) => r.status === 'held').length,
    };
  });
};
