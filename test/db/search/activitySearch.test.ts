import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/client';
import { applyMigrations, planMigrations, readMigrations } from '../../../db/migrate';
import { migrationsFolder } from '../../../db/paths';
import { bigrams } from '../../../db/search/bigrams';
import { dropChangeTriggers } from '../../../db/sync/triggers';
import { openTestApp, seedAgreement, tempDir, type TestApp } from '../../helpers/db';

// Search finds an activity by every text a person sees on it: its online platform, its organiser, and its
// agreement's title and parties' names, kept in step when any of those change.

describe('searching activities by what is shown on them', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedAgreement>>;
  const titles = async (query: string) =>
    (await t.call('activities.list', { query })).rows.map((r) => r.title).sort();

  beforeEach(async () => {
    t = await openTestApp();
    seeded = await seedAgreement(t);
    await t.call('activities.create', {
      agreementId: seeded.agreement.id,
      type: '培训',
      title: '教师信息技术应用能力培训',
      startDate: '2023-12-14',
      online: true,
      platform: '腾讯会议',
      organiser: '继续教育部',
    });
  });
  afterEach(() => t.close());

  it('finds an activity by its platform and organiser, three characters or two', async () => {
    expect(await titles('腾讯会议')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('腾讯')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('继续教育部')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('讯')).toEqual(['教师信息技术应用能力培训']);
  });

  it('finds an agreement’s activities by its title and its parties’ names', async () => {
    expect(await titles('结对帮扶协议')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('普宁市教育局')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('普宁')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('揭阳职业技术学院')).toEqual(['教师信息技术应用能力培训']);
  });

  it('follows a renamed agreement, a renamed institution and a replaced party', async () => {
    const detail = await t.call('agreements.get', { id: seeded.agreement.id });
    const linzhi = await t.call('institutions.create', { name: '林芝市职业技术学校', kind: '中职学校' });
    await t.call('agreements.update', {
      id: detail.id,
      title: '援藏协议（2022—2024 年）',
      programType: detail.programType,
      deliveryMode: detail.deliveryMode,
      documentForm: detail.documentForm,
      periodStart: detail.periodStart,
      periodEnd: detail.periodEnd,
      status: detail.status,
      parties: [
        { id: detail.parties[0]!.id, institutionId: seeded.supporter.id, role: '支援方' },
        { institutionId: linzhi.id, role: '受援方' },
      ],
      phases: [],
    });
    expect(await titles('结对帮扶协议')).toEqual([]);
    expect(await titles('援藏协议')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('林芝')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('普宁市教育局')).toEqual([]);
    await t.call('institutions.update', { id: linzhi.id, name: '林芝市第一职业学校', kind: '中职学校' });
    expect(await titles('第一职业')).toEqual(['教师信息技术应用能力培训']);
    expect(await titles('林芝市职业技术学校')).toEqual([]);
  });
});

describe('the migration that widens the search index', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });

  it('indexes the activities already recorded by their agreement and platform', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const old = join(dir, 'old');
    cpSync(migrationsFolder(), old, { recursive: true });
    const journalFile = join(old, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(
      0,
      journal.entries.findIndex((e) => e.tag === '0009_activities_search_text'),
    );
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = join(dir, 'data', 'bangfu-ledger.sqlite');
    mkdirSync(join(dir, 'data'));
    // The schema before 0009 by the runner alone (this version's change triggers name tables added since),
    // then rows as that version wrote them, bare.
    const db = new Database(file);
    db.function('bf_bigrams', { deterministic: true }, (text: unknown) => bigrams(text as string | null));
    applyMigrations(db, planMigrations(db, readMigrations(old)).pending, () => 1);
    dropChangeTriggers(db);
    const sync = `'1700000000000', '1700000000000', NULL, 'site-1'`;
    db.exec(`INSERT INTO institutions (id, created_at, updated_at, deleted_at, owner_site, name, kind)
      VALUES ('i1', ${sync}, '天津职业大学', '高职院校'), ('i2', ${sync}, '和田职业技术学院', '高职院校')`);
    db.exec(`INSERT INTO agreements (id, created_at, updated_at, deleted_at, owner_site, title, program_type,
      delivery_mode, document_form, period_start, period_end, status)
      VALUES ('a1', ${sync}, '援和项目协议', '援疆', '组团式', '协议', '2018', '2020', '执行中')`);
    db.exec(`INSERT INTO agreement_parties (id, created_at, updated_at, deleted_at, owner_site, agreement_id,
      institution_id, role, sort) VALUES ('p1', ${sync}, 'a1', 'i1', '支援方', 0), ('p2', ${sync}, 'a1', 'i2', '受援方', 1)`);
    db.exec(`INSERT INTO activities (id, created_at, updated_at, deleted_at, owner_site, agreement_id, type, title,
      start_date, online, platform, details)
      VALUES ('x1', ${sync}, 'a1', '培训', '专业带头人培训', '2019-05-01', 1, '腾讯会议', '{}'),
             ('x2', '1700000000000', '1700000000000', '1700000000001', 'site-1', 'a1', '会议', '已删除的会议',
              '2019-06-01', 0, NULL, '{}')`);
    db.close();

    const store = await openStore(file);
    try {
      const match = (q: string) =>
        store.read.sqlite
          .prepare(
            `SELECT a.id FROM activities_fts f JOIN activities a ON a.rowid = f.rowid
             WHERE activities_fts MATCH ? ORDER BY a.id`,
          )
          .pluck()
          .all(`"${q}"`);
      expect(match('和田职业技术学院')).toEqual(['x1']);
      expect(match('援和项目协议')).toEqual(['x1']);
      expect(match('腾讯会议')).toEqual(['x1']);
      expect(match('专业带头人')).toEqual(['x1']);
      // A tombstoned activity stays out of the index.
      expect(match('已删除的会议')).toEqual([]);
      expect(store.read.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });
});
