import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../db/client';
import { activityInserter, insertActivity, type ActivityValues } from '../../../db/repositories/activities';
import { withBulkSearch } from '../../../db/search/bulkIndex';
import { readIdentity } from '../../../db/services/setup';
import { fixedClock, openTestApp, seedAgreement, tempDir } from '../../helpers/db';

// The ledger import writes its new rows through one statement bound by position. What it writes must be
// what insertActivity writes for the same values: the row, its change record, and its search entries.

const base = (agreementId: string, i: number): ActivityValues => ({
  agreementId,
  taskId: null,
  planItemId: null,
  type: '培训',
  title: `教师信息技术应用能力培训（第${i}期）`,
  startDate: '2023-12-14',
  endDate: null,
  place: '普宁市教育局',
  online: false,
  platform: null,
  organiser: '继续教育部',
  department: null,
  beneficiarySchools: null,
  teachers: 20 + i,
  students: null,
  cadres: 3,
  instructors: null,
  instructorCount: null,
  lectures: null,
  hours: 2.5,
  days: null,
  satisfactionPct: null,
  certificates: null,
  amountYuan: null,
  outcome: null,
  notes: '佐证材料：签到表',
  details: {},
});

/** Rows that use every kind of column: booleans, money in 元, details, dates, empty and filled figures. */
const samples = (agreementId: string): ActivityValues[] => [
  base(agreementId, 1),
  {
    ...base(agreementId, 2),
    online: true,
    platform: '腾讯会议',
    endDate: '2023-12-16',
    amountYuan: 12345.67,
  },
  {
    ...base(agreementId, 3),
    type: '捐赠',
    details: { items: '图书 300 册' },
    satisfactionPct: 98.5,
    days: 1,
  },
  {
    ...base(agreementId, 4),
    place: null,
    organiser: null,
    notes: null,
    teachers: null,
    cadres: null,
    hours: null,
  },
];

let store: Store;
let cleanup: () => void;
let agreementId: string;
beforeEach(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const clock = fixedClock();
  const t = await openTestApp({ dir: tmp.dir, wallClock: clock });
  agreementId = (await seedAgreement(t)).agreement.id;
  t.app.close();
  store = await openStore(t.app.dbPath, { wallClock: clock, fullCheckAfterMs: null });
  store.attachClock(readIdentity(store.read)!.deviceId);
});
afterEach(() => {
  store.close();
  cleanup();
});

const rowOf = (id: string) => {
  const { id: _id, ...row } = store.read.sqlite.prepare('SELECT * FROM activities WHERE id = ?').get(id) as {
    id: string;
  };
  return row;
};
const changeOf = (id: string) =>
  store.read.sqlite
    .prepare("SELECT tbl, op, data FROM change_log WHERE row_id = ? AND tbl = 'activities'")
    .all(id);
const searchOf = (id: string) =>
  store.read.sqlite
    .prepare(
      `SELECT f.title, f.place, f.outcome, f.notes, f.platform, f.organiser, f.context, b.words
       FROM activities a JOIN activities_fts f ON f.rowid = a.rowid JOIN activities_bigrams b ON b.rowid = a.rowid
       WHERE a.id = ?`,
    )
    .all(id);

describe('inserting activities by position', () => {
  it('writes the same row, change record and search entries as insertActivity, inside a bulk write or not', () => {
    const site = readIdentity(store.read)!.siteId!;
    for (const bulk of [false, true]) {
      const run = <T>(fn: () => T) => (bulk ? withBulkSearch(store.write.sqlite, fn) : fn());
      const values = samples(agreementId);
      const one = store.tx((w) => run(() => values.map((v, i) => insertActivity(w, site, v, `key-${i}`))));
      const many = store.tx((w) =>
        run(() => {
          const insert = activityInserter(w, site);
          return values.map((v, i) => insert(v, `key-${i}`));
        }),
      );
      values.forEach((_, i) => {
        expect(rowOf(many[i]!)).toEqual(rowOf(one[i]!));
        expect(changeOf(many[i]!)).toEqual(changeOf(one[i]!));
        expect(changeOf(many[i]!)).toHaveLength(1);
        expect(searchOf(many[i]!)).toEqual(searchOf(one[i]!));
        expect(searchOf(many[i]!)).toHaveLength(1);
      });
    }
  });

  it('leaves nothing of one row in the next: a row without a key writes it empty', () => {
    const site = readIdentity(store.read)!.siteId!;
    const [full, sparse] = store.tx((w) => {
      const insert = activityInserter(w, site);
      const { platform: _p, ...withoutPlatform } = {
        ...base(agreementId, 9),
        online: true,
        platform: '钉钉',
      };
      return [
        insert({ ...base(agreementId, 8), online: true, platform: '钉钉', amountYuan: 5 }, 'k1'),
        insert(withoutPlatform as ActivityValues),
      ];
    });
    expect(rowOf(full!)).toMatchObject({ platform: '钉钉', amount_fen: 500, import_key: 'k1' });
    expect(rowOf(sparse!)).toMatchObject({ platform: null, amount_fen: null, import_key: null, online: 1 });
  });

  it('writes a row given without task and plan item (as the ledger import reads it) as insertActivity with both null', () => {
    const site = readIdentity(store.read)!.siteId!;
    const { taskId: _t, planItemId: _p, ...read } = base(agreementId, 10);
    const [given, omitted] = store.tx((w) => [
      insertActivity(w, site, base(agreementId, 10), 'k10'),
      activityInserter(w, site)(read, 'k10'),
    ]);
    expect(rowOf(omitted!)).toEqual(rowOf(given!));
    expect(rowOf(omitted!)).toMatchObject({ task_id: null, plan_item_id: null });
    expect(changeOf(omitted!)).toEqual(changeOf(given!));
  });
});
