import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../db/sync/bundle/canonical';
import { MANIFEST, SIGNATURE, type ChangeRecord, type Manifest } from '../../../db/sync/bundle/format';
import { BUNDLE_LIMITS, readBundle } from '../../../db/sync/bundle/read';
import { writeBundle, type ManifestHeader } from '../../../db/sync/bundle/write';
import { signBytes } from '../../../db/sync/identity';
import { readZip } from '../../../db/zip/readZip';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { bundleFile, exportFrom, importInto, openDepartment } from '../../helpers/sync';
import { makeZip } from '../../helpers/zip';

// Bulk writes (a batch of activities, a bundle import) index their rows for search chunk by chunk inside
// their transaction (db/search/bulkIndex.ts): every row is found the moment the write returns, and a write
// that fails part-way leaves neither rows without index entries nor index entries without rows.

/** Live activities, and how many of them each index holds, and entries of either index with no live row. */
const indexState = (db: Database.Database) => ({
  live: db.prepare('SELECT count(*) FROM activities WHERE deleted_at IS NULL').pluck().get(),
  trigram: db.prepare('SELECT count(*) FROM activities_fts').pluck().get(),
  bigram: db.prepare('SELECT count(*) FROM activities_bigrams').pluck().get(),
  unindexed: db
    .prepare(
      `SELECT count(*) FROM activity_search s WHERE s.rid NOT IN (SELECT rowid FROM activities_fts)
         OR s.rid NOT IN (SELECT rowid FROM activities_bigrams)`,
    )
    .pluck()
    .get(),
  orphans: db
    .prepare(
      `SELECT (SELECT count(*) FROM activities_fts WHERE rowid NOT IN (SELECT rid FROM activity_search))
            + (SELECT count(*) FROM activities_bigrams WHERE rowid NOT IN (SELECT rid FROM activity_search))`,
    )
    .pluck()
    .get(),
});

const consistent = (db: Database.Database, live: number) =>
  expect(indexState(db)).toEqual({ live, trigram: live, bigram: live, unindexed: 0, orphans: 0 });

const training = (agreementId: string, i: number) => ({
  agreementId,
  type: '培训' as const,
  title: `教师信息技术应用能力培训（编号${100_000 + i}）`,
  startDate: '2023-12-14',
  place: i % 2 ? '普宁市南溪小学' : '线上',
});

let site: TestApp;
let agreementId: string;
beforeEach(async () => {
  site = await openTestApp();
  agreementId = (await seedAgreement(site)).agreement.id;
});
afterEach(() => site.close());

const addBatches = async (t: TestApp, total: number) => {
  for (let i = 0; i < total; i += 1000)
    await t.call('activities.createBatch', {
      activities: Array.from({ length: Math.min(1000, total - i) }, (_, j) => training(agreementId, i + j)),
    });
};

/** Every record found by a two-character word, a longer one, and (for a sample) its own number. */
const searchFindsAll = async (t: TestApp, total: number) => {
  expect((await t.call('activities.list', { query: '培训', limit: 1 })).total).toBe(total);
  expect((await t.call('activities.list', { query: '信息技术应用', limit: 1 })).total).toBe(total);
  expect((await t.call('activities.list', { query: '南溪', limit: 1 })).total).toBe(Math.floor(total / 2));
  for (const i of [0, 1, Math.floor(total / 2), total - 1]) {
    const found = await t.call('activities.list', { query: `编号${100_000 + i}` });
    expect(found.rows.map((r) => r.title)).toEqual([training(agreementId, i).title]);
  }
};

describe('search after a bulk write', () => {
  it('finds every activity of a batch the moment activities.createBatch returns', async () => {
    await addBatches(site, 2500);
    await searchFindsAll(site, 2500);
    consistent(site.raw(), 2500);
  });

  it('finds every activity of an imported bundle of several chunks the moment the import returns', async () => {
    await addBatches(site, 12_000);
    const dept = await openDepartment();
    try {
      await importInto(dept, (await exportFrom(site)).bytes);
      await searchFindsAll(dept, 12_000);
      consistent(dept.raw(), 12_000);
    } finally {
      dept.close();
    }
  }, 120_000);

  it('re-indexes rows a later bundle edits, beside the rows it creates, leaving no entry of the old text', async () => {
    await addBatches(site, 3000);
    const dept = await openDepartment();
    try {
      await importInto(dept, (await exportFrom(site)).bytes);
      // Edits of rows the department has indexed, in the same bundle as new rows (ascending rowids above them).
      const { rows } = await site.call('activities.list', { query: '编号10299', limit: 5 });
      for (const [i, row] of rows.entries())
        await site.call('activities.update', {
          ...training(agreementId, Number(row.title.match(/编号(\d+)/)![1]) - 100_000),
          id: row.id,
          title: `美育浸润活动（改${i}）`,
        });
      await addBatches(site, 10);
      await importInto(dept, (await exportFrom(site)).bytes);
      // 编号102990 to 102999: five edited away, five left as they were.
      expect((await dept.call('activities.list', { query: '编号10299', limit: 1 })).total).toBe(5);
      for (const row of rows)
        expect((await dept.call('activities.list', { query: row.title, limit: 1 })).total).toBe(0);
      expect((await dept.call('activities.list', { query: '美育浸润', limit: 1 })).total).toBe(rows.length);
      expect((await dept.call('activities.list', { query: '浸润活动（改', limit: 1 })).total).toBe(
        rows.length,
      );
      consistent(dept.raw(), 3010);
    } finally {
      dept.close();
    }
  }, 120_000);

  it('re-indexes a row its own bundle created in an earlier chunk and edits in a later one', async () => {
    await addBatches(site, 5200);
    // Created in the bundle's first chunk (5,000 records), edited in its second.
    const [row] = (await site.call('activities.list', { query: '编号100007' })).rows;
    await site.call('activities.update', {
      ...training(agreementId, 7),
      id: row!.id,
      title: '美育浸润活动（跨块修改）',
    });
    const dept = await openDepartment();
    try {
      await importInto(dept, (await exportFrom(site)).bytes);
      expect((await dept.call('activities.list', { query: '编号100007', limit: 1 })).total).toBe(0);
      expect((await dept.call('activities.list', { query: '跨块修改', limit: 1 })).total).toBe(1);
      consistent(dept.raw(), 5200);
    } finally {
      dept.close();
    }
  }, 120_000);

  it('keeps nothing of a batch that fails part-way, and indexes the next single save at once', async () => {
    await addBatches(site, 10);
    const batch = Array.from({ length: 1000 }, (_, i) => training(agreementId, 10 + i));
    batch[600] = { ...batch[600]!, taskId: uuidv7() } as (typeof batch)[number];
    const res = await site.app.invoke('activities.createBatch', { activities: batch });
    expect(res.ok).toBe(false);
    consistent(site.raw(), 10);
    expect((await site.call('activities.list', { query: `编号${100_010}` })).total).toBe(0);

    await site.call('activities.create', { ...training(agreementId, 5000), title: '美育浸润活动' });
    expect((await site.call('activities.list', { query: '美育浸润' })).total).toBe(1);
    consistent(site.raw(), 11);
  });

  it('keeps nothing of a bundle refused in its last chunk, though its first chunk was indexed', async () => {
    await addBatches(site, 6000);
    const { records } = await readBundle((await exportFrom(site)).bytes);
    const siteKey = readFileSync(join(site.dir, 'device-key.pem'), 'utf8');
    const status = await site.call('app.status', {});
    const header: ManifestHeader = {
      format: 'bangfu-bundle',
      version: 1,
      bundleId: uuidv7(),
      kind: 'changes',
      siteId: status.siteId!,
      deviceId: status.deviceId!,
      publicKey: site.raw().prepare('SELECT public_key FROM device_state').pluck().get() as string,
      appVersion: '0.0.0-test',
      schemaVersion: 0,
      createdAt: Date.now(),
      has: {},
    };
    // Last, a change of a device the manifest does not declare: the department refuses the whole bundle.
    const stranger: ChangeRecord = { ...records.at(-1)!, d: uuidv7(), s: 1, x: 1, r: uuidv7() };
    const parts = await readZip(
      (await writeBundle(header, [...records, stranger], () => null, siteKey)).bytes,
      BUNDLE_LIMITS,
    );
    const manifest = JSON.parse(parts.get(MANIFEST)!.toString('utf8')) as Manifest;
    const own = Buffer.from(
      canonicalJson({ ...manifest, ranges: manifest.ranges.filter((r) => r.deviceId === status.deviceId) }),
      'utf8',
    );
    parts.set(MANIFEST, own);
    parts.set(SIGNATURE, signBytes(siteKey, own));
    const bytes = makeZip([...parts].map(([name, data]) => ({ name, data })));

    const dept = await openDepartment();
    try {
      const res = await dept.app.invoke('sync.import', bundleFile(bytes, status.keyFingerprint!));
      expect(res).toMatchObject({ ok: false, error: { message: expect.stringMatching(/未在清单中声明/) } });
      consistent(dept.raw(), 0);
      expect((await dept.call('activities.list', { query: '培训' })).total).toBe(0);
    } finally {
      dept.close();
    }
  }, 120_000);
});
