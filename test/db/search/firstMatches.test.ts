import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/shared/contract';
import type { ReadDb } from '../../../db/client';
import { listActivities } from '../../../db/repositories/activities';
import * as schema from '../../../db/schema';
import { FIRST_PAGES_END, FIRST_ROWS } from '../../../db/search/firstMatches';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';

// A search counts its matches and finds its page's rows in one pass over the index entries when the
// first rows of the list hold the page, else as before. Either way a page is the rows of the one order
// (date, then entry), and the total is every match.

type Row = Input<'activities.create'> & { i: number };

describe('search pages from the first rows of the list', () => {
  let t: TestApp;
  let rows: Row[];
  let other: string;
  beforeAll(async () => {
    t = await openTestApp();
    other = (await t.call('demo.load', {})).agreementId;
    const mine = (await seedAgreement(t)).agreement.id;
    // More rows than the pass looks at; days repeat, so the entry order often decides.
    rows = Array.from({ length: FIRST_ROWS + 600 }, (_, i) => ({
      i,
      agreementId: i % 3 === 0 ? other : mine,
      type: '会议' as const,
      title: `第${i}次${i % 2 === 0 ? '甲乙' : ''}会`,
      // 癸子: a few rows, all on the newest day.
      notes: `${i % 29 === 0 ? '丙丁戊' : ''} ${i % 250 === 7 ? '己庚辛壬' : ''} ${i % 420 === 419 ? '癸子' : ''}`,
      startDate: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 7)).padStart(2, '0')}`,
    }));
    for (let i = 0; i < rows.length; i += 1000)
      await t.call('activities.createBatch', {
        activities: rows.slice(i, i + 1000).map(({ i: _i, ...r }) => r),
      });
  }, 300_000);
  afterAll(() => t.close());

  const expected = (query: string, f: Partial<Input<'activities.list'>>) => {
    const words = query.split(' ');
    const found = rows
      .filter((r) => words.every((w) => `${r.title} ${r.notes}`.includes(w)))
      .filter((r) => !f.agreementId || r.agreementId === f.agreementId);
    const asc = f.direction === 'asc';
    found.sort((a, b) =>
      a.startDate === b.startDate
        ? (a.i - b.i) * (asc ? 1 : -1)
        : (a.startDate < b.startDate ? -1 : 1) * (asc ? 1 : -1),
    );
    const offset = f.offset ?? 0;
    return {
      total: found.length,
      titles: found.slice(offset, offset + (f.limit ?? 100)).map((r) => r.title),
    };
  };

  it('gives the rows and total of the one order for common, rarer and rare words, near and far pages, both ways', async () => {
    const variants: Partial<Input<'activities.list'>>[] = [
      { limit: 50 },
      { limit: 50, offset: 30 },
      { limit: 100, offset: FIRST_PAGES_END - 100 },
      { limit: 100, offset: FIRST_PAGES_END - 20 },
      { limit: 50, direction: 'asc' },
      { limit: 20, offset: 10, agreementId: other },
      { limit: 50, offset: 400, agreementId: other, direction: 'asc' },
    ];
    for (const query of ['甲乙', '丙丁戊', '己庚辛壬', '癸子', '甲乙 丙丁戊', '甲乙 己庚辛壬', '没有的词'])
      for (const f of variants) {
        const page = await t.call('activities.list', { query, ...f });
        expect(
          { total: page.total, titles: page.rows.map((r) => r.title) },
          `${query} ${JSON.stringify(f)}`,
        ).toEqual(expected(query, f));
      }
  }, 120_000);

  it('reads a word’s index entries once, and the page by walking the date index or, for a few matches, by rowid', () => {
    const sqlite = t.raw();
    const statements: { sql: string; args: unknown[] }[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    const watched = Object.create(sqlite) as Database.Database;
    watched.prepare = ((text: string) => {
      const statement = prepare(text);
      for (const method of ['all', 'get'] as const) {
        const run = statement[method].bind(statement) as (...args: unknown[]) => unknown;
        (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          statements.push({ sql: text, args });
          return run(...args);
        };
      }
      return statement;
    }) as Database.Database['prepare'];
    const db: ReadDb = { kind: 'read', sqlite: watched, orm: drizzle(watched, { schema }) };
    const pagePlan = (query: string) => {
      statements.length = 0;
      expect(listActivities(db, { query, limit: 50 }).total).toBe(expected(query, {}).total);
      expect(statements.filter((s) => /MATCH/.test(s.sql))).toHaveLength(1);
      const read = statements.find((s) => /json_each/.test(s.sql))!;
      return (prepare(`EXPLAIN QUERY PLAN ${read.sql}`).all(...read.args) as { detail: string }[]).map(
        (r) => r.detail,
      );
    };
    expect(pagePlan('甲乙')[0]).toBe('SCAN activities USING INDEX activities_live_date_idx');
    // Fewer matches than the page holds, all among the first rows: read by rowid, not a walk of every row.
    expect(pagePlan('癸子').join('\n')).toContain('SEARCH activities USING INTEGER PRIMARY KEY (rowid=?)');
  });
});
