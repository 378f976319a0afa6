import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadDb } from '../../../db/client';
import { readDashboard, recordYears } from '../../../db/reports/dashboard';
import { readFacts } from '../../../db/reports/facts';
import { listActivities } from '../../../db/repositories/activities';
import * as schema from '../../../db/schema';
import { openTestApp, type TestApp } from '../../helpers/db';
import { seed004Year } from '../../helpers/reports';

// The department's speed rests on a few query plans. The app never runs ANALYZE, so the planner decides
// from the schema alone, the same on this small file as on a department's 500,000 activities: what it
// chooses here is what it chooses there.

interface Statement {
  sql: string;
  plan: string[];
}

/** Every statement `fn` runs on a read connection, with the plan SQLite chose for it. */
const plansOf = (sqlite: Database.Database, fn: (db: ReadDb) => unknown): Statement[] => {
  const seen: { sql: string; args: unknown[] }[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  const watched = Object.create(sqlite) as Database.Database;
  watched.prepare = ((sql: string) => {
    const statement = prepare(sql);
    for (const method of ['all', 'get', 'iterate'] as const) {
      const run = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        seen.push({ sql, args });
        return run(...args);
      };
    }
    return statement;
  }) as Database.Database['prepare'];
  fn({ kind: 'read', sqlite: watched, orm: drizzle(watched, { schema }) });
  return seen.map(({ sql, args }) => ({
    sql,
    plan: (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail),
  }));
};

const planOf = (statements: Statement[], sqlPart: RegExp): string[] => {
  const found = statements.filter((s) => sqlPart.test(s.sql));
  expect(found.length, `a statement matching ${sqlPart}`).toBeGreaterThan(0);
  return found.flatMap((s) => s.plan);
};

describe('query plans the department relies on', () => {
  let t: TestApp;
  let sqlite: Database.Database;
  const all = { agreementId: null, siteId: null, year: 2023 };
  beforeAll(async () => {
    t = await openTestApp();
    await seed004Year(t);
    sqlite = t.raw();
  }, 60_000);
  afterAll(() => t.close());

  it('reads the overview’s year in one pass of the figures index, adding up as it walks, and its evidence from the evidence date index', () => {
    const statements = plansOf(sqlite, (db) => readDashboard(db, all, '2023-07-01'));
    const overActivities = statements.filter((s) => /FROM activities a\b/.test(s.sql));
    expect(overActivities).toHaveLength(1);
    // Grouped in the index's own order: no temporary b-tree sorting the year's entries.
    expect(overActivities[0]!.plan).toEqual([
      'SEARCH a USING COVERING INDEX activities_live_figures_idx (start_date>? AND start_date<?)',
    ]);
    // Evidence is one range of the trigger-kept table's date index, not a probe per activity.
    expect(planOf(statements, /FROM activity_evidence/)).toEqual([
      'SEARCH e USING COVERING INDEX activity_evidence_date_idx (start_date>? AND start_date<?)',
    ]);
    for (const s of statements) expect(s.sql).not.toMatch(/FROM attachments/);
    // No statement walks a whole table of activities or attachments.
    for (const s of statements)
      for (const line of s.plan) expect(line).not.toMatch(/^SCAN (a|activities|f|attachments)$/);
  });

  it('finds the years with records by seeks in the date indexes, not by reading every start date', () => {
    const statements = plansOf(sqlite, (db) => [recordYears(db, null), recordYears(db, 'x')]);
    const activityPlans = statements.filter((s) => /FROM activities/.test(s.sql)).flatMap((s) => s.plan);
    expect(new Set(activityPlans)).toEqual(
      new Set([
        'SEARCH activities USING INDEX activities_live_date_idx (start_date<?)',
        'SEARCH activities USING INDEX activities_live_agreement_date_idx (agreement_id=? AND start_date<?)',
      ]),
    );
  });

  it('turns a ledger page by walking the live date index and counts every live row in it', () => {
    const statements = plansOf(sqlite, (db) =>
      listActivities(db, { sort: 'startDate', direction: 'desc', limit: 50, offset: 5 }),
    );
    // Not "covering" by name (deleted_at is not in it), yet no row is read: the partial index implies it.
    expect(planOf(statements, /^SELECT count\(\*\) AS n FROM activities/)).toEqual([
      'SCAN activities USING INDEX activities_live_date_idx',
    ]);
    const page = planOf(statements, /\blimit\b/i);
    expect(page[0]).toBe('SCAN activities USING INDEX activities_live_date_idx');
    expect(page.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('reads the report’s year by range, never a whole table', () => {
    const statements = plansOf(sqlite, (db) => readFacts(db, all));
    const year = planOf(statements, /a\.satisfaction_pct/);
    expect(year[0]).toMatch(
      /^SEARCH a USING INDEX activities_live_(agreement_)?date_idx \(.*start_date>\? AND start_date<\?\)$/,
    );
    // Each task's evidence probes the live attachments index once per activity of the year; an automatic
    // index (which ANALYZE samples led the planner to) is built over every attachment for each report.
    expect(planOf(statements, /GROUP BY a\.task_id/)).toContain(
      'SEARCH f USING COVERING INDEX attachments_live_entity_idx (entity_table=? AND entity_id=? AND deleted_at=?)',
    );
    for (const s of statements)
      for (const line of s.plan) {
        expect(line).not.toMatch(/^SCAN (a|activities|f|attachments)$/);
        expect(line).not.toContain('AUTOMATIC');
      }
  });
});
