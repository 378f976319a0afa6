import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { openApp } from '../../db/app';
import { DB_FILE_NAME } from '../../db/paths';
import { recountEvidence } from '../../db/reports/evidence';
import { bigrams } from '../../db/search/bigrams';
import { syncedTables } from '../../db/sync/triggers';
import { ACTIVITY_TYPES } from '../../electron/shared/domain';

// A department database as 100 colleges' bundles would leave it: every college's agreement, tasks, plans,
// activities, beneficiaries, outcomes, secondments and attachments metadata, owned by the college, each row
// with the change record its college's device sent (under that device's number, gapless seqs, its clocks),
// edits after creation, the department's approvals of plans (its own changes), conflicts, and both search
// indexes. Written with plain INSERTs and the triggers off, then the triggers' effects reproduced in bulk
// (change records by INSERT … SELECT, the search indexes and the overview's evidence table filled once),
// so building takes seconds, not the hour the API would. The result is cached by this file's content under the OS temp folder.

export const COLLEGES = 100;
export const PER_COLLEGE = 5_000;
export const YEARS = [2021, 2022, 2023, 2024, 2025] as const;

const CITIES = [
  '广州',
  '深圳',
  '珠海',
  '汕头',
  '佛山',
  '韶关',
  '湛江',
  '肇庆',
  '江门',
  '茂名',
  '惠州',
  '梅州',
  '汕尾',
  '河源',
  '阳江',
  '清远',
  '东莞',
  '中山',
  '潮州',
  '揭阳',
  '云浮',
  '南宁',
  '柳州',
  '桂林',
  '梧州',
];
const KINDS = ['职业技术学院', '职业学院', '理工职业学院', '工贸职业技术学院'];
const COUNTIES = [
  '普宁',
  '揭西',
  '惠来',
  '陆河',
  '连南',
  '乳源',
  '和平',
  '紫金',
  '五华',
  '丰顺',
  '饶平',
  '南澳',
  '徐闻',
  '信宜',
  '阳山',
  '怀集',
  '封开',
  '德庆',
  '新兴',
  '罗定',
];
const PLACES = [
  '县教育局',
  '南溪镇南溪小学',
  '广太镇仁美小学',
  '职业技术学校',
  '线上（腾讯会议）',
  '第一中学',
];
const SUBJECTS = [
  '教师信息技术应用能力培训',
  '美育浸润活动',
  '送教下乡讲座',
  '骨干教师跟岗学习',
  '幼儿园教师学历提升',
  '调研对接',
  '技能竞赛指导',
];
const PLAN_STATUSES = ['已完成', '已完成', '进行中', '未开始', '延期', '取消'];

const college = (c: number) =>
  `${CITIES[c % CITIES.length]}${KINDS[Math.floor(c / CITIES.length) % KINDS.length]}`;
const county = (c: number) =>
  `${COUNTIES[c % COUNTIES.length]}${c >= COUNTIES.length ? `（${Math.floor(c / COUNTIES.length) + 1}）` : ''}`;
const day = (year: number, i: number) =>
  new Date(Date.UTC(year, 0, 1) + (i % 360) * 86_400_000).toISOString().slice(0, 10);

const sync = (id: string, site: string, at: number) => ({
  id,
  created_at: at,
  updated_at: at,
  deleted_at: null,
  owner_site: site,
});

const fillCollege = (
  db: Database.Database,
  c: number,
  siteId: string,
  ins: Record<string, (r: Record<string, unknown>) => unknown>,
) => {
  let at = Date.UTC(2021, 0, 1) + c * 1000;
  const t = () => (at += 7);
  const institution = uuidv7();
  const receiver = uuidv7();
  ins.institutions!({
    ...sync(institution, siteId, t()),
    name: college(c),
    short_name: null,
    kind: '高职院校',
    region: '广东',
  });
  ins.institutions!({
    ...sync(receiver, siteId, t()),
    name: `${county(c)}县教育局`,
    short_name: county(c),
    kind: '教育局',
    region: '广东',
  });
  ins.sites!({ ...sync(siteId, siteId, t()), name: college(c), mode: 'site', institution_id: institution });
  const agreement = uuidv7();
  ins.agreements!({
    ...sync(agreement, siteId, t()),
    title: `${college(c)}与${county(c)}县结对帮扶协议（2021—2025 年）`,
    program_type: '结对帮扶',
    delivery_mode: '一对一',
    document_form: '协议',
    period_start: '2021',
    period_end: '2025',
    status: '执行中',
    budget_fen: 50_000_000 + c * 100_000,
  });
  ins.agreement_parties!({
    ...sync(uuidv7(), siteId, t()),
    agreement_id: agreement,
    institution_id: institution,
    role: '支援方',
    sort: 0,
  });
  ins.agreement_parties!({
    ...sync(uuidv7(), siteId, t()),
    agreement_id: agreement,
    institution_id: receiver,
    role: '受援方',
    sort: 1,
  });
  const revision = uuidv7();
  ins.group_revisions!({
    ...sync(revision, siteId, t()),
    agreement_id: agreement,
    revised_on: '2021-03-01',
    approved_by: '校长办公会',
  });
  for (let m = 0; m < 8; m++)
    ins.group_members!({
      ...sync(uuidv7(), siteId, t()),
      revision_id: revision,
      group_kind: m < 4 ? '领导小组' : '办公室',
      name: `成员${c}-${m}`,
      role: m === 0 ? '组长' : '成员',
      institution_id: m % 2 ? receiver : institution,
      sort: m,
    });
  const tasks: string[][] = YEARS.map(() => []);
  YEARS.forEach((year, y) => {
    for (let k = 0; k < 20; k++) {
      const id = uuidv7();
      tasks[y]!.push(id);
      ins.tasks!({
        ...sync(id, siteId, t()),
        agreement_id: agreement,
        name: `${SUBJECTS[k % SUBJECTS.length]}（${year}）`,
        category: '师资培训',
        department: '继续教育学院',
        responsible_person: `责任人${k}`,
        year,
        target_text: `培训教师 ${50 + k} 人次`,
        target_value: 50 + k,
        target_unit: '人次',
        budget_fen: 2_000_000 + k * 10_000,
        status: k % 9 === 0 ? '延期' : '进行中',
        sort: y * 20 + k,
      });
    }
  });
  const items: string[][] = YEARS.map(() => []);
  YEARS.forEach((year, y) => {
    for (let m = 1; m <= 12; m++) {
      const plan = uuidv7();
      const month = `${year}-${String(m).padStart(2, '0')}`;
      ins.monthly_plans!({
        ...sync(plan, siteId, t()),
        agreement_id: agreement,
        month,
        status: '已通过',
        drafter: '填报员',
        submitted_by: '填报员',
        submitted_at: at,
        reviewed_by: '审核员',
        reviewed_at: at,
      });
      for (let k = 0; k < 5; k++) {
        const id = uuidv7();
        items[y]!.push(id);
        ins.plan_items!({
          ...sync(id, siteId, t()),
          plan_id: plan,
          task_id: tasks[y]![(m + k) % 20],
          content: `${SUBJECTS[(m + k) % SUBJECTS.length]}第${k + 1}项`,
          department: '继续教育学院',
          person: `责任人${k}`,
          planned_date: `${month}-${String(5 + k * 5).padStart(2, '0')}`,
          status: PLAN_STATUSES[(m + k) % PLAN_STATUSES.length],
          sort: k,
        });
      }
    }
  });
  for (let i = 0; i < PER_COLLEGE; i++) {
    const y = i % YEARS.length;
    const year = YEARS[y]!;
    const n = c * PER_COLLEGE + i;
    const type = ACTIVITY_TYPES[n % ACTIVITY_TYPES.length]!;
    const training = type === '培训' || type === '送教讲座';
    const id = uuidv7();
    const place = PLACES[n % PLACES.length]!;
    ins.activities!({
      ...sync(id, siteId, t()),
      agreement_id: agreement,
      task_id: i % 2 === 0 ? tasks[y]![i % 20] : null,
      plan_item_id: i % 5 === 0 ? items[y]![i % 60] : null,
      type,
      title: `${SUBJECTS[n % SUBJECTS.length]}（第${(i % 300) + 1}期）`,
      start_date: day(year, i),
      end_date: training && i % 4 === 0 ? day(year, i + 2) : null,
      place: place.startsWith('县') ? `${county(c)}${place}` : place,
      online: place.startsWith('线上') ? 1 : 0,
      platform: place.startsWith('线上') ? '腾讯会议' : null,
      organiser: '继续教育学院',
      department: '继续教育学院',
      teachers: training ? 10 + (n % 90) : null,
      students: training && n % 3 === 0 ? 20 + (n % 50) : null,
      days: training ? 1 + (n % 5) : null,
      satisfaction_pct: training ? 85 + (n % 15) : null,
      amount_fen: type === '捐赠' ? (1000 + (n % 50) * 10) * 100 : null,
      outcome: n % 3 === 0 ? `培训教师 ${10 + (n % 90)} 人次，满意度 ${90 + (n % 10)}%` : null,
      notes: n % 7 === 0 ? '佐证材料：签到表、现场照片' : null,
      details: type === '捐赠' ? JSON.stringify({ items: `图书 ${n % 200} 册` }) : null,
    });
    // Photos and sign-in sheets on three activities in five; one in ten names the schools it served.
    for (let f = 0; f < (i % 5 < 3 ? 1 + (i % 2) : 0); f++)
      ins.attachments!({
        ...sync(uuidv7(), siteId, t()),
        entity_table: 'activities',
        entity_id: id,
        sha256: createHash('sha256').update(`${n}:${f}`).digest('hex'),
        file_name: f ? '签到表.pdf' : '现场照片.jpg',
        mime: f ? 'application/pdf' : 'image/jpeg',
        size: 200_000 + (n % 1000) * 1000,
      });
    if (i % 10 === 0)
      ins.activity_beneficiaries!({
        ...sync(uuidv7(), siteId, t()),
        activity_id: id,
        institution_id: receiver,
      });
    if (i % 20 === 0)
      ins.outcomes!({
        ...sync(uuidv7(), siteId, t()),
        agreement_id: agreement,
        activity_id: id,
        kind: '获奖',
        title: `教学能力比赛获奖（${n}）`,
        level: ['国家级', '省级', '市级', '校级'][n % 4],
        quantity: 1,
        date: day(year, i),
      });
    if (i % 500 === 0)
      ins.secondments!({
        ...sync(uuidv7(), siteId, t()),
        agreement_id: agreement,
        person: `挂职教师${n}`,
        direction: '派出',
        host_institution_id: receiver,
        host_post: '副校长',
        start_date: day(year, i),
        months: 6,
      });
  }
};

// Tables in the order their rows were created (a college sends parents before children).
const ORDER = [
  'institutions',
  'sites',
  'agreements',
  'agreement_parties',
  'group_revisions',
  'group_members',
  'tasks',
  'monthly_plans',
  'plan_items',
  'activities',
  'attachments',
  'activity_beneficiaries',
  'outcomes',
  'secondments',
];

/** The change records each college's device sent for its rows: one 'i' per row, seqs gapless per device. */
const logCreations = (db: Database.Database) => {
  const tables = new Map(syncedTables().map((t) => [t.name, t.columns]));
  for (const name of ORDER) {
    const cols = tables.get(name)!.filter((c) => c !== 'id');
    const json = `json_object(${cols.map((c) => `'${c}', t."${c}"`).join(', ')})`;
    db.exec(`INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data)
      SELECT d.no, d.base + row_number() OVER w, printf('%012x-0000-%s', t.created_at, d.node),
             d.base + 1, '${name}', t.id, 'i', ${json}
      FROM "${name}" t JOIN bench_devices d ON d.site_id = t.owner_site WINDOW w AS (PARTITION BY d.no ORDER BY t.rowid)`);
    db.exec(
      `UPDATE bench_devices SET base = base + (SELECT count(*) FROM "${name}" t WHERE t.owner_site = bench_devices.site_id)`,
    );
  }
  // Later edits: one activity in ten had its outcome written after the event, as a second change.
  db.exec(`INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data)
    SELECT d.no, d.base + row_number() OVER w, printf('%012x-0000-%s', t.created_at + 86400000, d.node),
           d.base + row_number() OVER w, 'activities', t.id, 'u', json_object('outcome', t.outcome, 'updated_at', t.updated_at)
    FROM activities t JOIN bench_devices d ON d.site_id = t.owner_site
    WHERE t.rowid % 10 = 0 WINDOW w AS (PARTITION BY d.no ORDER BY t.rowid)`);
  db.exec(
    `UPDATE bench_devices SET base = base + (SELECT count(*) FROM activities t WHERE t.owner_site = bench_devices.site_id AND t.rowid % 10 = 0)`,
  );
  db.exec(
    'UPDATE devices SET applied_seq = (SELECT base FROM bench_devices b WHERE b.no = devices.no) WHERE no <> 1',
  );
  // The department's own changes: it approved every month (one change per plan, under its device 1).
  db.exec(`INSERT INTO change_log (device_no, seq, hlc, tx, tbl, row_id, op, data)
    SELECT 1, s.seq + row_number() OVER (ORDER BY p.rowid), printf('%012x-0000-%s', p.created_at + 3600000, '0000000000000001'),
           s.seq + row_number() OVER (ORDER BY p.rowid), 'monthly_plans', p.id, 'u', json_object('status', '已通过', 'reviewed_by', '审核员')
    FROM monthly_plans p, device_state s`);
  db.exec('UPDATE device_state SET seq = seq + (SELECT count(*) FROM monthly_plans)');
  // Two colleges' devices edited the same field now and then: the losing values kept for review.
  db.exec(`INSERT INTO sync_conflicts (tbl, row_id, col, winner_hlc, winner_value, loser_hlc, loser_value, at)
    SELECT 'activities', id, 'title', printf('%012x-0001-%s', created_at, '00000000000000aa'), json_quote(title),
           printf('%012x-0000-%s', created_at, '00000000000000bb'), json_quote(title || '（初稿）'), created_at
    FROM activities WHERE rowid % 250 = 0`);
};

const fillSearch = (db: Database.Database) => {
  db.exec(`INSERT INTO activities_fts (rowid, title, place, outcome, notes, platform, organiser, context)
    SELECT rid, title, place, outcome, notes, platform, organiser, context FROM activity_search`);
  db.exec(`INSERT INTO activities_bigrams (rowid, words)
    SELECT rid, bf_bigrams(concat_ws(' ', title, place, outcome, notes, platform, organiser, context)) FROM activity_search`);
};

const build = async (dataDir: string) => {
  const app = await openApp({ dataDir, appVersion: 'bench' });
  const setup = await app.invoke('app.setup', {
    mode: 'department',
    siteName: '省教育厅',
    institution: { name: '广东省教育厅', kind: '政府部门' },
  });
  if (!setup.ok) throw new Error(setup.error.message);
  app.close();
  const db = new Database(join(dataDir, DB_FILE_NAME));
  try {
    db.pragma('synchronous = OFF');
    db.function('bf_bigrams', { deterministic: true }, (text: unknown) => bigrams(text as string | null));
    const triggers = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .all() as string[];
    for (const name of db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .all() as string[])
      db.exec(`DROP TRIGGER "${name}"`);
    const tables = new Map(syncedTables().map((t) => [t.name, t.columns]));
    db.transaction(() => {
      db.exec(
        'CREATE TEMP TABLE bench_devices (no INTEGER PRIMARY KEY, site_id TEXT, node TEXT, base INTEGER)',
      );
      const ins = Object.fromEntries(
        ORDER.map((name) => {
          const cols = tables.get(name)!;
          const stmt = db.prepare(
            `INSERT INTO "${name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
          );
          return [
            name,
            (row: Record<string, unknown>) =>
              stmt.run(Object.fromEntries(cols.map((c) => [c, row[c] ?? null]))),
          ];
        }),
      );
      for (let c = 0; c < COLLEGES; c++) {
        const deviceId = uuidv7();
        const siteId = uuidv7();
        const no = c + 2;
        db.prepare(
          'INSERT INTO devices (no, device_id, site_id, public_key, enrolled_at) VALUES (?, ?, ?, ?, ?)',
        ).run(no, deviceId, siteId, `bench key ${c}`, Date.UTC(2021, 0, 1));
        db.prepare('INSERT INTO bench_devices VALUES (?, ?, ?, 0)').run(
          no,
          siteId,
          deviceId.replace(/-/g, '').slice(16),
        );
        fillCollege(db, c, siteId, ins);
      }
      logCreations(db);
      fillSearch(db);
      recountEvidence(db);
      for (const sql of triggers) db.exec(sql);
    }).immediate();
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
};

// Keyed by this builder alone: a copy made under older migrations is brought up to date by the app's own
// migration at the bench's first (untimed) start, as a department's file would be.
const cacheKey = () =>
  createHash('sha256')
    .update(readFileSync(import.meta.filename))
    .digest('hex')
    .slice(0, 16);

/**
 * The department's data folder at `dataDir`, copied from the cache when this schema and builder made it
 * before; returns how long building (or copying) took and whether it came from the cache.
 */
export const departmentData = async (dataDir: string): Promise<{ ms: number; cached: boolean }> => {
  const start = performance.now();
  const cache = join(tmpdir(), 'bangfu-bench-cache', `department-${cacheKey()}`);
  const cached = existsSync(cache);
  if (!cached) {
    const building = `${cache}.${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    await build(building);
    renameSync(building, cache);
  }
  cpSync(cache, dataDir, { recursive: true });
  return { ms: performance.now() - start, cached };
};
