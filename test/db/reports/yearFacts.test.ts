import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type ReadDb } from '../../../db/client';
import { type ActivityFact, type Facts, readFacts } from '../../../db/reports/facts';
import { Book } from '../../../db/reports/figures';
import { buildReport, type ReportHeader } from '../../../db/reports/model';
import { summaryRows } from '../../../db/reports/summaryTable';
import { templateSections } from '../../../db/reports/templates';
import { detailsOf } from '../../../db/repositories/rows';
import * as schema from '../../../db/schema';
import { ACTIVITY_TYPES } from '../../../electron/shared/domain';
import type { ReportScope } from '../../../electron/shared/schemas/reports';
import { openTestApp, type TestApp } from '../../helpers/db';
import { seed004Year } from '../../helpers/reports';

// The report reads the year's activities narrowly (only the columns it counts with), keeps the read while
// nothing is committed, and registers the figures no text shows only when the whole book is asked for.
// Here a varied year is read the plain way (every column) and written with every figure registered at
// once; the report the app builds must equal it: text, summary cells, every figure of the book in order
// (the Excel 主要数据 sheet) and every figure's records in order (reports.figureSources).

const numberOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The year's activities the plain way: every column, then shaped. */
const plainActivities = (sqlite: Database.Database, scope: ReportScope, ids: string[]): ActivityFact[] =>
  (
    sqlite
      .prepare(
        `SELECT a.*, (SELECT count(*) FROM attachments f WHERE f.entity_table = 'activities'
                        AND f.entity_id = a.id AND f.deleted_at IS NULL) AS evidence
         FROM activities a
         WHERE a.deleted_at IS NULL AND a.start_date BETWEEN ? AND ?
           AND a.agreement_id IN (SELECT value FROM json_each(?))
           AND (? IS NULL OR a.owner_site = ?)
         ORDER BY a.start_date, a.created_at`,
      )
      .all(
        `${scope.year}-01-01`,
        `${scope.year}-12-31`,
        JSON.stringify(ids),
        scope.agreementId ? null : scope.siteId,
        scope.agreementId ? null : scope.siteId,
      ) as Record<string, unknown>[]
  ).map((r) => ({
    id: r.id as string,
    taskId: r.task_id as string | null,
    type: r.type as string,
    title: r.title as string,
    startDate: r.start_date as string,
    endDate: r.end_date as string | null,
    online: r.online === 1,
    teachers: numberOrNull(r.teachers),
    students: numberOrNull(r.students),
    cadres: numberOrNull(r.cadres),
    instructorCount: numberOrNull(r.instructor_count),
    days: numberOrNull(r.days),
    satisfactionPct: numberOrNull(r.satisfaction_pct),
    amountFen: numberOrNull(r.amount_fen),
    details: detailsOf(r.details as string | null),
    evidence: r.evidence as number,
  }));

/** A book that registers every figure at once, as before any waited for the whole book to be asked for. */
class EagerBook extends Book {
  override later(register: () => void): void {
    register();
  }
}

/** The report written from given facts, with its whole book laid out: every figure and its records. */
const written = (facts: Facts, template: 'seed001' | 'seed004') => {
  const book = new EagerBook();
  const sections = templateSections(template).map((spec) =>
    spec.kind === 'generated' ? spec.write(facts, book).map((p) => p.runs) : null,
  );
  return { sections, summary: summaryRows(facts), book: laidOut(book) };
};

const laidOut = (book: Book) =>
  Object.values(book.figures).map((f) => ({ ...f, records: book.sourcesOf(f.id) }));

describe('the report read narrowly, kept and registered late equals the year read and written in full', () => {
  let t: TestApp;
  let db: ReadDb;
  let sqlite: Database.Database;
  let agreementId: string;
  let siteId: string;
  let uncounted: string;

  beforeAll(async () => {
    t = await openTestApp();
    const year = await seed004Year(t);
    agreementId = year.agreementId;
    const taskIds = year.detail.tasks.map((x) => x.id);
    const made: string[] = [];
    // 130 activities over 9 dates (many on one day, so the order of creation decides), every type, on and
    // off the tasks, with amounts whose yuan are not exact in binary, rates on some trainings only, spans
    // with and without recorded days.
    for (let i = 0; i < 130; i++) {
      const type = ACTIVITY_TYPES[(i * 7) % ACTIVITY_TYPES.length]!;
      const training = type === '培训' || type === '送教讲座';
      const day = 1 + (i % 9) * 3;
      const { id } = await t.call('activities.create', {
        agreementId,
        taskId: i % 4 === 3 ? null : taskIds[i % taskIds.length]!,
        type,
        title: `${type}活动 ${i}`,
        startDate: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        endDate:
          i % 5 === 0
            ? `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(day + 2).padStart(2, '0')}`
            : null,
        online: i % 3 === 0,
        teachers: training ? (i % 6 === 0 ? 0 : 10 + i) : i % 7 === 0 ? 5 : null,
        students: i % 2 === 0 ? 3 + (i % 11) : null,
        cadres: training && i % 4 === 0 ? 2 : null,
        instructorCount: training && i % 3 !== 0 ? 1 + (i % 4) : null,
        days: training && i % 2 === 0 ? 0.5 + (i % 3) : null,
        satisfactionPct: training && i % 5 !== 2 ? 80 + (i % 19) + 0.3 : null,
        amountYuan: i % 3 === 1 ? Math.round((100.1 + i * 0.37) * 100) / 100 : null,
        details:
          type === '招生与学历提升'
            ? { applicants: 20 + i, admitted: 10 + (i % 9), feeReductionPct: i % 2 ? 30 : null }
            : type === '志愿服务'
              ? { volunteers: i % 2 ? 12 : null, served: 40 + i }
              : {},
      });
      made.push(id);
    }
    // One task with more activities of their own figures than a report names: the rest wait in the book.
    for (let i = 0; i < 14; i++)
      await t.call('activities.create', {
        agreementId,
        taskId: taskIds[0]!,
        type: i % 3 ? '培训' : '捐赠',
        title: `送教培训 ${i}`,
        startDate: `2023-06-${String(10 + (i % 4)).padStart(2, '0')}`,
        online: i % 2 === 0,
        teachers: 20 + i,
        days: i % 4 ? 1.5 : null,
        satisfactionPct: i % 3 ? 80.1 + i : null,
        amountYuan: i % 3 ? null : Math.round(3333 * (i + 1)) / 100,
      });
    for (const id of made.filter((_, i) => i % 6 === 0))
      await t.call('attachments.add', {
        entityTable: 'activities',
        entityId: id,
        fileName: '签到表.pdf',
        dataBase64: Buffer.from('%PDF-1.4\n签到').toString('base64'),
      });
    await t.call('activities.delete', { id: made[5]! });
    // A value kept from before received records were checked: text where a count belongs counts as none.
    uncounted = made[0]!;
    const store = await openStore(t.app.dbPath);
    try {
      store.applyRemote((w) =>
        w.sqlite.prepare('UPDATE activities SET teachers = ? WHERE id = ?').run('十二', uncounted),
      );
    } finally {
      store.close();
    }
    sqlite = t.raw();
    db = { kind: 'read', sqlite, orm: drizzle(sqlite, { schema }) };
    siteId = (sqlite
      .prepare('SELECT owner_site FROM agreements WHERE id = ?')
      .pluck()
      .get(agreementId) as string)!;
  }, 120_000);
  afterAll(() => t.close());

  const header = (template: 'seed001' | 'seed004'): ReportHeader => ({
    reportId: 'r',
    template,
    title: '年度报告',
    institution: '揭阳职业技术学院',
    date: '2024-01-05',
  });

  for (const template of ['seed004', 'seed001'] as const)
    for (const scopeName of ['one agreement', 'the whole site'] as const)
      it(`writes the same ${template} report for ${scopeName}, every figure and record in order`, () => {
        const scope: ReportScope =
          scopeName === 'one agreement'
            ? { agreementId, siteId: null, year: 2023 }
            : { agreementId: null, siteId, year: 2023 };
        const facts = readFacts(db, scope);
        const plain = {
          ...facts,
          activities: plainActivities(
            sqlite,
            scope,
            facts.agreements.map((a) => a.id),
          ),
        };
        expect(plain.activities.length).toBeGreaterThan(120);
        expect(plain.activities.find((a) => a.id === uncounted)!.teachers).toBeNull();
        expect(facts.activities.map((a) => ({ ...a }))).toEqual(plain.activities);

        const expected = written(plain, template);
        const built = buildReport(db, header(template), scope, []);
        const hidden = expected.book.filter((f) => !(f.id in built.doc.figures));
        expect(hidden.length).toBeGreaterThan(10);
        expect(hidden.filter((f) => built.book.registered(f.id) === undefined).length).toBeGreaterThan(10);
        expect(
          built.doc.sections.map((s) => (s.kind === 'generated' ? s.paragraphs.map((p) => p.runs) : null)),
        ).toEqual(expected.sections);
        expect(built.doc.summary).toEqual(expected.summary);
        expect(laidOut(built.book)).toEqual(expected.book);
        expect(Object.keys(built.doc.figures).length).toBeGreaterThan(20);
        for (const [id, figure] of Object.entries(built.doc.figures)) {
          const { records, ...inBook } = expected.book.find((f) => f.id === id)!;
          expect(figure).toEqual(inBook);
          expect(records).toHaveLength(figure.sources);
        }
      });

  it('keeps a read only while nothing is written, and shows a new activity at once', async () => {
    const scope: ReportScope = { agreementId, siteId: null, year: 2023 };
    const first = readFacts(db, scope);
    expect(readFacts(db, scope)).toBe(first);
    expect(readFacts(db, { ...scope, year: 2024 })).not.toBe(first);
    const before = buildReport(db, header('seed004'), scope, []).doc.figures['activities.total']!.value;
    await t.call('activities.create', {
      agreementId,
      taskId: null,
      type: '会议',
      title: '年终总结会',
      startDate: '2023-12-28',
    });
    const after = readFacts(db, scope);
    expect(after).not.toBe(first);
    expect(after.activities.length).toBe(first.activities.length + 1);
    expect(buildReport(db, header('seed004'), scope, []).doc.figures['activities.total']!.value).toBe(
      before + 1,
    );
  });
});
