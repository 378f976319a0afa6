import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { PLAN_STATUSES } from '../../electron/shared/domain';
import { MAX_ATTACHMENT_BYTES } from '../../electron/shared/limits';
import { activityInput } from '../../electron/shared/schemas/activities';
import { agreementInput } from '../../electron/shared/schemas/agreements';
import { setupInput } from '../../electron/shared/schemas/app';
import { attachmentAddInput, ATTACHMENT_ENTITIES } from '../../electron/shared/schemas/attachments';
import { LIMITS, notBefore, oneOf, requiredText } from '../../electron/shared/schemas/common';
import { groupRevisionInput } from '../../electron/shared/schemas/groups';
import { institutionFields } from '../../electron/shared/schemas/institutions';
import {
  planActionInput,
  planCreateInput,
  planItemInput,
  planReviewInput,
} from '../../electron/shared/schemas/plans';
import { photoAddInput } from '../../electron/shared/schemas/reportPhotos';
import { reportOpenInput, sectionSaveInput } from '../../electron/shared/schemas/reports';
import { outcomeInput, secondmentInput } from '../../electron/shared/schemas/secondments';
import { taskInput } from '../../electron/shared/schemas/tasks';
import * as schema from '../schema';
import { plainlyValid } from '../validation/plainlyValid';

// A received record is held to the rules the API holds a person's input to (DESIGN.md section 3.1), so a
// signed bundle cannot write what no form could: the API's own zod schemas are reused here, read against
// the stored row (fen as yuan, 0/1 as a boolean, details parsed), and the column types and NOT NULLs come
// from the drizzle schema. What neither covers is named per table below; a test checks that every column
// of every synced table is accounted for, so a new field cannot slip past.

type Value = string | number | null;
export type RowValues = Record<string, Value | undefined>;

interface TableRules {
  table: SQLiteTable;
  /** The API's rules for this row, keyed by the drizzle property the field writes (`...Yuan` → `...Fen`). */
  input?: z.ZodType;
  /** API fields with no column of their own (nested lists, the optional id), given a neutral value. */
  given?: Record<string, unknown>;
  /** Columns the API never sets from input (sort order, bookkeeping): their stored type is checked only. */
  stored?: string[];
}

const shapeOf = (s: z.ZodType) => (s as unknown as z.ZodObject).shape;
const { parties, phases, ...agreementShape } = agreementInput.shape;
const elementOf = (s: unknown) => (s as z.ZodArray<z.ZodType>).element;

/** Every synced table, with the API schema its rows are written through. */
export const TABLE_RULES: Record<string, TableRules> = {
  institutions: { table: schema.institutions, input: z.strictObject(institutionFields) },
  sites: {
    table: schema.sites,
    input: z.strictObject({ name: setupInput.shape.siteName, mode: setupInput.shape.mode }),
    stored: ['institution_id'],
  },
  agreements: {
    table: schema.agreements,
    input: z.strictObject(agreementShape).refine((a) => notBefore(a.periodStart, a.periodEnd), {
      error: '结束年份不能早于起始年份',
      path: ['periodEnd'],
    }),
  },
  agreement_parties: {
    table: schema.agreementParties,
    input: elementOf(parties),
    given: { id: undefined },
    stored: ['agreement_id', 'sort'],
  },
  agreement_phases: {
    table: schema.agreementPhases,
    input: elementOf(phases),
    given: { id: undefined },
    stored: ['agreement_id', 'sort'],
  },
  group_revisions: {
    table: schema.groupRevisions,
    input: groupRevisionInput,
    given: { id: undefined, members: [] },
  },
  group_members: {
    table: schema.groupMembers,
    input: elementOf(groupRevisionInput.shape.members),
    given: { id: undefined },
    stored: ['revision_id', 'sort'],
  },
  tasks: { table: schema.tasks, input: taskInput, stored: ['sort'] },
  monthly_plans: {
    table: schema.monthlyPlans,
    input: z.strictObject({
      ...planCreateInput.shape,
      status: oneOf(PLAN_STATUSES, '计划状态'),
      submittedBy: planActionInput.shape.by.nullable(),
      reviewedBy: planReviewInput.shape.by.nullable(),
      reviewNote: planReviewInput.shape.note,
    }),
    stored: ['submitted_at', 'reviewed_at'],
  },
  plan_items: { table: schema.planItems, input: planItemInput, given: { id: undefined }, stored: ['sort'] },
  activities: { table: schema.activities, input: activityInput, stored: ['import_key'] },
  activity_beneficiaries: { table: schema.activityBeneficiaries, stored: ['activity_id', 'institution_id'] },
  secondments: { table: schema.secondments, input: secondmentInput },
  outcomes: { table: schema.outcomes, input: outcomeInput },
  reports: {
    table: schema.reports,
    input: z.strictObject({
      ...reportOpenInput.shape,
      title: requiredText('报告标题', LIMITS.title),
      status: requiredText('报告状态', LIMITS.short),
    }),
  },
  report_sections: {
    table: schema.reportSections,
    input: z.strictObject({
      key: sectionSaveInput.shape.key,
      body: sectionSaveInput.shape.body,
      heading: requiredText('章节标题', LIMITS.title),
    }),
    stored: ['report_id', 'generated', 'edited', 'sort'],
  },
  report_photos: {
    table: schema.reportPhotos,
    input: z.strictObject({
      sectionKey: photoAddInput.shape.sectionKey,
      caption: photoAddInput.shape.caption,
    }),
    stored: ['report_id', 'attachment_id', 'sort'],
  },
  attachments: {
    table: schema.attachments,
    input: z.strictObject({
      entityTable: attachmentAddInput.shape.entityTable,
      fileName: attachmentAddInput.shape.fileName,
      caption: attachmentAddInput.shape.caption,
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '文件摘要格式不正确' }),
      mime: requiredText('文件类型', LIMITS.name),
      size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES, { error: '附件不能超过 10 MB' }),
    }),
    stored: ['entity_id'],
  },
};

/** Columns every synced row carries, checked by type; the id is the record's row key. */
export const SYNC_COLUMNS = ['id', 'created_at', 'updated_at', 'deleted_at', 'owner_site'];

interface Column {
  name: string;
  kind: SQLiteColumn['columnType'];
  notNull: boolean;
}

interface Compiled {
  columns: Map<string, Column>;
  /** Columns that hold an API field. */
  mapped: Set<string>;
  /** API field → column, and column → how its stored value reads as the field's input. */
  fields: Map<string, { column: string; read: (v: Value) => unknown }>;
  /** The same, as a list: walked once per record. */
  fieldList: { field: string; column: string; read: (v: Value) => unknown }[];
  foreign: { column: string; table: string }[];
  rules: TableRules;
  /** The API schema compiled once: true when zod would accept the input (else zod itself is asked). */
  plainly: ((input: unknown) => boolean) | null;
}

/** A stored value that cannot be read as the field's input at all. */
class Unreadable extends Error {}

const readDetails = (v: Value): unknown => {
  if (v === null) return {};
  try {
    return JSON.parse(String(v)) as unknown;
  } catch {
    throw new Unreadable('不是有效的 JSON');
  }
};

/** Type-specific fields travel as JSON, several long texts together; every other text has the API's cap. */
const textCap = (column: string) => (column === 'details' ? 5 * LIMITS.text : LIMITS.text);

const compile = (rules: TableRules): Compiled => {
  const config = getTableConfig(rules.table);
  const columns = new Map(
    config.columns.map((c) => [c.name, { name: c.name, kind: c.columnType, notNull: c.notNull }]),
  );
  const byKey = new Map(
    Object.entries(rules.table as unknown as Record<string, SQLiteColumn>)
      .filter(([, c]) => typeof c === 'object' && c !== null && 'columnType' in c)
      .map(([key, c]) => [key, c]),
  );
  const fields = new Map<string, { column: string; read: (v: Value) => unknown }>();
  for (const field of Object.keys(rules.input ? shapeOf(rules.input) : {})) {
    if (rules.given && field in rules.given) continue;
    const fen = field.endsWith('Yuan');
    const col = byKey.get(fen ? field.replace(/Yuan$/, 'Fen') : field);
    if (!col) throw new Error(`${config.name}: API field ${field} has no column`);
    const read =
      col.columnType === 'SQLiteBoolean'
        ? (v: Value) => (v === null ? v : v === 1)
        : fen
          ? (v: Value) => (v === null ? v : Number(v) / 100)
          : col.name === 'details'
            ? readDetails
            : (v: Value) => v;
    fields.set(field, { column: col.name, read });
  }
  const foreign = config.foreignKeys.map((fk) => {
    const ref = fk.reference();
    return { column: ref.columns[0]!.name, table: getTableConfig(ref.foreignTable).name };
  });
  return {
    columns,
    mapped: new Set([...fields.values()].map((f) => f.column)),
    fields,
    fieldList: [...fields].map(([field, f]) => ({ field, ...f })),
    foreign,
    rules,
    plainly: rules.input ? plainlyValid(rules.input) : null,
  };
};

const compiled = new Map(Object.entries(TABLE_RULES).map(([name, rules]) => [name, compile(rules)]));

/** The columns of a table that no rule above accounts for (the drift guard's test reads this). */
export const unaccountedColumns = (table: string): string[] => {
  const c = compiled.get(table);
  if (!c) return ['(table)'];
  return [...c.columns.keys()].filter(
    (col) => !SYNC_COLUMNS.includes(col) && !c.mapped.has(col) && !c.rules.stored?.includes(col),
  );
};

const KIND_NAMES: Record<string, string> = {
  SQLiteText: '文本',
  SQLiteInteger: '整数',
  SQLiteReal: '数字',
  SQLiteBoolean: '是或否（0 或 1）',
};

/** `apiDecides`: the column holds an API field, whose rules say whether a fraction is allowed (挂职月数 1.5). */
const typeProblem = (col: Column, v: Value | undefined, apiDecides: boolean): string | null => {
  if (v === undefined || v === null) return col.notNull ? '缺少必填内容' : null;
  const ok =
    col.kind === 'SQLiteText'
      ? typeof v === 'string' && v.length <= textCap(col.name)
      : col.kind === 'SQLiteInteger' && !apiDecides
        ? Number.isSafeInteger(v)
        : col.kind === 'SQLiteBoolean'
          ? v === 0 || v === 1
          : typeof v === 'number' && Number.isFinite(v);
  if (ok) return null;
  if (typeof v === 'string' && col.kind === 'SQLiteText') return `内容过长（超过 ${textCap(col.name)} 个字）`;
  return `应为${KIND_NAMES[col.kind] ?? col.kind}，收到的是${typeof v === 'string' ? '文本' : String(v)}`;
};

const MAX_REASON = 300;
const reasonFor = (column: string, problem: string) =>
  `记录内容不符合要求，未被接受：字段 ${column}：${problem}`.slice(0, MAX_REASON);

/**
 * Checks received rows against the API's rules. `row` is the record's values merged over the row held
 * (or the record alone when it creates the row); `changed` names the columns the record sets, so a row
 * already held that breaks a rule (stored before this check existed) does not block an unrelated edit.
 * Returns the reason to return the record with, in Chinese and naming the column, or null.
 */
/** A reference to a row that is itself waiting here (behind a gap): the record waits too, it is not refused. */
export const AWAITING_REFERENCE = '所引用的记录尚未收到';

export const recordValidator = (
  exists: (table: string, id: string) => boolean,
  awaited: (table: string, id: string) => boolean,
) => {
  const held = (table: string, id: unknown) => typeof id === 'string' && exists(table, id);

  return (table: string, row: RowValues, changed: Iterable<string>): string | null => {
    const c = compiled.get(table);
    // A table this version does not know is parked before it gets here; a stand-in upgrade in tests may
    // add one, whose rules are the new version's to check.
    if (!c) return null;
    // The changed columns as given (a record's keys): a list is searched faster than a set is built.
    const scope = Array.isArray(changed) ? (changed as string[]) : [...changed];
    for (const name of scope) {
      const col = c.columns.get(name);
      const problem = col ? typeProblem(col, row[name], c.mapped.has(name)) : null;
      if (problem) return reasonFor(name, problem);
    }
    for (const fk of c.foreign) {
      const ref = row[fk.column];
      if (!scope.includes(fk.column) || ref == null || held(fk.table, ref)) continue;
      return typeof ref === 'string' && awaited(fk.table, ref)
        ? AWAITING_REFERENCE
        : reasonFor(fk.column, `引用的记录（${fk.table}）不存在`);
    }
    if (table === 'attachments' && (scope.includes('entity_id') || scope.includes('entity_table'))) {
      const target = row.entity_table;
      if (
        (ATTACHMENT_ENTITIES as readonly unknown[]).includes(target) &&
        !held(target as string, row.entity_id)
      )
        return reasonFor('entity_id', `附件所属的记录（${String(target)}）不存在`);
    }
    if (!c.rules.input) return null;
    const input: Record<string, unknown> = { ...c.rules.given };
    for (const { field, column, read } of c.fieldList) {
      try {
        input[field] = read(row[column] ?? null);
      } catch (e) {
        if (e instanceof Unreadable && scope.includes(column)) return reasonFor(column, e.message);
        input[field] = undefined;
      }
    }
    if (c.plainly?.(input)) return null;
    const parsed = c.rules.input.safeParse(input);
    if (parsed.success) return null;
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const column = typeof field === 'string' ? (c.fields.get(field)?.column ?? field) : '记录';
      // Rules across fields (an end before its start, details that do not fit the type) hold whatever changed.
      if (scope.includes(column) || issue.code === 'custom') return reasonFor(column, issue.message);
    }
    return null;
  };
};
