import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../db/sync/bundle/canonical';
import {
  chunkName,
  MANIFEST,
  SIGNATURE,
  type ChangeRecord,
  type Manifest,
} from '../../../db/sync/bundle/format';
import { writeBundle, type ManifestHeader } from '../../../db/sync/bundle/write';
import { readZip } from '../../../db/zip/readZip';
import { BUNDLE_LIMITS, readBundle } from '../../../db/sync/bundle/read';
import { dumpHash } from '../../../db/sync/dump';
import { generateDeviceKeys, signBytes } from '../../../db/sync/identity';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { deflatedZeros, makeZip } from '../../helpers/zip';
import {
  bundleFile as file,
  deviceOf,
  exchange,
  exportFrom,
  importInto,
  openDepartment,
  openSecondSite,
  wholeDump,
} from '../../helpers/sync';

// A site and the department, each with its own database file, exchanging bundles as files.

let site: TestApp;
let dept: TestApp;

beforeEach(async () => {
  site = await openTestApp();
  dept = await openDepartment();
});
afterEach(() => {
  site.close();
  dept.close();
});

const edit = async (t: TestApp, id: string, patch: Record<string, unknown>) => {
  const { evidenceCount: _e, updatedAt: _u, ...input } = await t.call('activities.get', { id });
  await t.call('activities.update', { ...input, ...patch } as never);
};

const recordTraining = async () => {
  const { agreement } = await seedAgreement(site);
  await site.call('activities.create', {
    agreementId: agreement.id,
    type: '培训',
    title: '教师信息技术应用能力培训',
    startDate: '2023-12-14',
    endDate: '2023-12-18',
    teachers: 50,
  });
  return agreement.id;
};

describe('sync bundles between a site and the department', () => {
  it('carries a site’s records to the department once, after its device is confirmed by fingerprint', async () => {
    await recordTraining();
    const bundle = await exportFrom(site);
    const report = await dept.call('sync.inspect', file(bundle.bytes));
    expect(report).toMatchObject({
      kind: 'changes',
      newDevice: true,
      alreadyImported: false,
      records: bundle.records,
    });
    expect(report.summary.tables.activities).toEqual({
      new: 1,
      had: 0,
      conflicts: 0,
      parked: 0,
      rejected: 0,
    });
    expect((await dept.call('activities.list', {})).total).toBe(0);

    expect(await dept.app.invoke('sync.import', file(bundle.bytes))).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/首次收到该设备.*请核对指纹/) },
    });
    const done = await dept.call('sync.import', file(bundle.bytes, report.fingerprint));
    expect(done.summary.new).toBe(bundle.records);
    const found = await dept.call('activities.list', { query: '信息技术' });
    expect(found.rows[0]).toMatchObject({
      title: '教师信息技术应用能力培训',
      teachers: 50,
      endDate: '2023-12-18',
    });

    const before = wholeDump(dept.raw());
    expect(await dept.call('sync.import', file(bundle.bytes))).toMatchObject({ alreadyImported: true });
    expect(wholeDump(dept.raw())).toBe(before);
  });

  it('answers with a return bundle that acknowledges: the site’s next bundle starts after it, and both converge', async () => {
    await recordTraining();
    const first = await exportFrom(site);
    const { fingerprint } = await dept.call('sync.inspect', file(first.bytes));
    await dept.call('sync.import', file(first.bytes, fingerprint));
    const back = await exportFrom(dept, { to: await deviceOf(site) });
    const seen = await site.call('sync.inspect', file(back.bytes));
    await site.call('sync.import', file(back.bytes, seen.fingerprint));
    expect((await exportFrom(site)).records).toBe(0);
    expect(dumpHash(site.raw())).toBe(dumpHash(dept.raw()));

    const [row] = (await site.call('activities.list', {})).rows;
    await site.call('activities.delete', { id: row!.id });
    const next = await exportFrom(site);
    expect(next.records).toBe(1);
    await dept.call('sync.import', file(next.bytes));
    expect((await dept.call('activities.list', {})).total).toBe(0);
  });

  it('keeps the losing value of a field edited on both sides, the later edit winning on both', async () => {
    await recordTraining();
    await exchange(site, dept);
    const [row] = (await dept.call('activities.list', {})).rows;
    await edit(dept, row!.id, { notes: '部门更正：参训 48 人' });
    await edit(site, row!.id, { notes: '学校补充：6 位专家授课' });
    await exchange(site, dept);
    for (const t of [site, dept]) {
      expect((await t.call('activities.get', { id: row!.id })).notes).toBe('学校补充：6 位专家授课');
      const [c] = t.raw().prepare('SELECT * FROM sync_conflicts').all() as Record<string, string>[];
      expect([c!.col, JSON.parse(c!.winner_value!), JSON.parse(c!.loser_value!)]).toEqual([
        'notes',
        '学校补充：6 位专家授课',
        '部门更正：参训 48 人',
      ]);
    }
    expect(dumpHash(site.raw())).toBe(dumpHash(dept.raw()));

    // The department restores its own value: a new edit, which travels like any other.
    const [open] = (await dept.call('sync.status', {})).conflicts;
    // Side by side, with who made each.
    expect(open).toMatchObject({
      table: 'activities',
      column: 'notes',
      winnerBy: '揭阳职院',
      loserBy: '广东省教育厅职成处',
    });
    await dept.call('sync.resolveConflict', { id: open!.id, keep: 'loser' });
    expect((await dept.call('sync.status', {})).conflicts).toEqual([]);
    await exchange(site, dept);
    expect((await site.call('activities.get', { id: row!.id })).notes).toBe('部门更正：参训 48 人');
    expect(dumpHash(site.raw())).toBe(dumpHash(dept.raw()));
  });
});

describe('hostile bundles', () => {
  it('refuses each with a Chinese reason and leaves the department’s database exactly as it was', async () => {
    await recordTraining();
    const good = await exportFrom(site);
    const parts = await readZip(good.bytes, BUNDLE_LIMITS);
    const manifest = JSON.parse(parts.get(MANIFEST)!.toString('utf8')) as Record<string, unknown>;
    const other = generateDeviceKeys();
    const rezip = (
      patch: Record<string, Buffer | null>,
      extra: { name: string; data: Buffer; mode?: number }[] = [],
    ) =>
      makeZip([
        ...[...parts]
          .filter(([name]) => patch[name] !== null)
          .map(([name, data]) => ({ name, data: patch[name] ?? data })),
        ...extra,
      ]);
    const flip = (b: Buffer, at = Math.floor(b.length / 2)) => {
      const c = Buffer.from(b);
      c[at] = c[at]! ^ 0x01;
      return c;
    };
    /** A manifest changed and signed again with the key it names: only later checks can catch it. */
    const resigned = (changes: Record<string, unknown>, key = other) => {
      const bytes = Buffer.from(canonicalJson({ ...manifest, ...changes }), 'utf8');
      return { [MANIFEST]: bytes, [SIGNATURE]: signBytes(key.privateKeyPem, bytes) };
    };
    const changes = parts.get(chunkName(1))!;
    const gigabyte = await deflatedZeros(1024 * 1024 * 1024);

    const cases: [string, Buffer, RegExp][] = [
      ['path with ..', rezip({}, [{ name: '../evil.txt', data: Buffer.from('x') }]), /不安全的文件路径/],
      ['absolute path', rezip({}, [{ name: '/etc/passwd', data: Buffer.from('x') }]), /不安全的文件路径/],
      ['drive letter', rezip({}, [{ name: 'C:/evil.txt', data: Buffer.from('x') }]), /不安全的文件路径/],
      ['backslash', rezip({}, [{ name: 'blobs\\evil', data: Buffer.from('x') }]), /不安全的文件路径/],
      ['duplicate entry', rezip({}, [{ name: chunkName(1), data: changes }]), /重复的条目/],
      ['symlink', rezip({}, [{ name: 'blobs/link', data: Buffer.from('/etc'), mode: 0o120777 }]), /符号链接/],
      [
        '1 GB of zeros deflated',
        makeZip([{ name: chunkName(1), data: Buffer.alloc(0), deflated: gigabyte }]),
        /压缩炸弹/,
      ],
      [
        '1 GB of zeros whose headers claim 1 KB',
        makeZip([{ name: chunkName(1), data: Buffer.alloc(0), deflated: gigabyte, declaredSize: 1024 }]),
        /压缩炸弹/,
      ],
      [
        '100,000 tiny entries',
        makeZip(Array.from({ length: 100_000 }, (_, i) => ({ name: `e${i}`, data: Buffer.alloc(0) }))),
        /条目数量异常/,
      ],
      ['truncated file', good.bytes.subarray(0, good.bytes.length - 40), /不完整/],
      ['flipped byte in changes', rezip({ [chunkName(1)]: flip(changes) }), /条目已损坏/],
      ['flipped byte in manifest', rezip({ [MANIFEST]: flip(parts.get(MANIFEST)!) }), /签名无效|清单格式/],
      ['flipped byte in signature', rezip({ [SIGNATURE]: flip(parts.get(SIGNATURE)!) }), /签名无效/],
      [
        'signed by another device',
        rezip({ [SIGNATURE]: signBytes(other.privateKeyPem, parts.get(MANIFEST)!) }),
        /签名无效/,
      ],
      ['missing signature', rezip({ [SIGNATURE]: null }), /缺少清单或签名/],
      ['unlisted entry', rezip({}, [{ name: 'blobs/extra', data: Buffer.from('x') }]), /清单以外/],
      ['newer schema', rezip(resigned({ schemaVersion: 999, publicKey: other.publicKeyPem })), /更新版本/],
      ['malformed JSON line', rezip({ [chunkName(1)]: Buffer.from('{"d":') }, []), /条目已损坏|格式不正确/],
    ];
    const before = wholeDump(dept.raw());
    for (const [name, bytes, message] of cases) {
      const res = await dept.app.invoke('sync.import', file(bytes, 'any'));
      expect([name, res.ok ? 'accepted' : res.error.message]).toEqual([name, expect.stringMatching(message)]);
    }
    expect(wholeDump(dept.raw())).toBe(before);
  });
});

describe('bundles from an enrolled site that break the rules', () => {
  const siteKey = () => readFileSync(join(site.dir, 'device-key.pem'), 'utf8');

  /** A bundle as the site would sign it, with records the test chooses. */
  const crafted = async (records: ChangeRecord[], changes: Partial<ManifestHeader> = {}, key = siteKey()) => {
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
      ...changes,
    };
    return (await writeBundle(header, records, () => null, key)).bytes;
  };

  /** A bundle whose manifest, signed with the site's real key, claims only the site's own seq range. */
  const hidden = async (records: ChangeRecord[]) => {
    const parts = await readZip(await crafted(records), BUNDLE_LIMITS);
    const manifest = JSON.parse(parts.get(MANIFEST)!.toString('utf8')) as Manifest;
    const own = manifest.ranges.filter((r) => r.deviceId === records[0]!.d);
    const bytes = Buffer.from(canonicalJson({ ...manifest, ranges: own }), 'utf8');
    parts.set(MANIFEST, bytes);
    parts.set(SIGNATURE, signBytes(siteKey(), bytes));
    return makeZip([...parts].map(([name, data]) => ({ name, data })));
  };

  it('refuses a changed key, a reused bundle id with other content and SQL in a name; parks an unknown table', async () => {
    await recordTraining();
    const good = await exportFrom(site);
    const { fingerprint } = await dept.call('sync.inspect', file(good.bytes));
    await dept.call('sync.import', file(good.bytes, fingerprint));
    const deviceId = (await site.call('app.status', {})).deviceId!;
    const next = good.records + 1;
    const hlc = `${Date.now().toString(16).padStart(12, '0')}-0000-${'a'.repeat(16)}`;
    const record = (over: Partial<ChangeRecord>): ChangeRecord => ({
      d: deviceId,
      s: next,
      h: hlc,
      x: next,
      t: 'activities',
      r: uuidv7(),
      o: 'u',
      v: { notes: '改' },
      ...over,
    });
    // Another college, enrolled: a bundle may not speak for its device.
    const college = await openSecondSite();
    let otherCollegeDevice: string;
    try {
      await importInto(dept, (await exportFrom(college)).bytes);
      otherCollegeDevice = await deviceOf(college);
    } finally {
      college.close();
    }
    const before = wholeDump(dept.raw());
    const other = generateDeviceKeys();
    const refusals: [string, Buffer, RegExp][] = [
      [
        'changed key',
        await crafted([], { publicKey: other.publicKeyPem }, other.privateKeyPem),
        /密钥与登记的不一致/,
      ],
      [
        'reused bundle id',
        await crafted([record({})], { bundleId: good.bundleId }),
        /编号的内容与之前导入的不同/,
      ],
      [
        'SQL in a name',
        await crafted([record({ t: 'activities"; DROP TABLE activities; --' })]),
        // The name fails the manifest's per-table counts before the change line itself is read.
        /清单格式不正确|变更格式不正确/,
      ],
      [
        'another college’s device’s changes',
        await crafted([record({ d: otherCollegeDevice, s: 1 })]),
        /其他单位设备的变更/,
      ],
      [
        'another device’s changes under a manifest that hides them',
        await hidden([record({}), record({ d: uuidv7(), s: 1 })]),
        /未在清单中声明|清单/,
      ],
    ];
    for (const [name, bytes, message] of refusals) {
      const res = await dept.app.invoke('sync.import', file(bytes));
      expect([name, res.ok ? 'accepted' : res.error.message]).toEqual([name, expect.stringMatching(message)]);
    }
    expect(wholeDump(dept.raw())).toBe(before);

    const future = await crafted([record({ t: 'future_table', o: 'i', v: { title: '新版本的表' } })]);
    const report = await dept.call('sync.import', file(future));
    expect(report.summary).toMatchObject({ new: 0, parked: 1 });
    const parked = dept.raw().prepare('SELECT reason FROM parked_changes').pluck().all();
    expect(parked).toEqual(['本版本不认识的表或字段']);
    expect(
      dept.raw().prepare("SELECT count(*) FROM sqlite_master WHERE name = 'future_table'").pluck().get(),
    ).toBe(0);
  });

  it('applies a bundle of many chunks alone, reporting progress, and a refusal in its last chunk undoes all of it', async () => {
    await recordTraining();
    const good = await exportFrom(site);
    await dept.call(
      'sync.import',
      file(good.bytes, (await dept.call('sync.inspect', file(good.bytes))).fingerprint),
    );
    const deviceId = (await site.call('app.status', {})).deviceId!;
    const hlc = (i: number) =>
      `${Date.now().toString(16).padStart(12, '0')}-${i.toString(16).padStart(4, '0')}-${'a'.repeat(16)}`;
    // Three chunks of changes beyond a gap (parked, cheap to apply), then another device's change.
    const many: ChangeRecord[] = Array.from({ length: 12_000 }, (_, i) => ({
      d: deviceId,
      s: good.records + 10 + i,
      h: hlc(i),
      x: good.records + 10 + i,
      t: 'activities',
      r: uuidv7(),
      o: 'u',
      v: { notes: `第 ${i} 条` },
    }));
    const bytes = await hidden([...many, { ...many[0]!, d: uuidv7(), s: 1, x: 1 }]);

    const samples: { done: number; total: number }[] = [];
    let finished = false;
    const importing = dept.app.invoke('sync.import', file(bytes)).finally(() => {
      finished = true;
    });
    // A person saving meanwhile waits for the import instead of writing into its transaction.
    const saving = dept.call('institutions.create', { name: '和田地区职业技术学院', kind: '高职院校' });
    while (!finished) {
      const p = await dept.call('sync.progress', {});
      if (p) samples.push(p);
      await new Promise((r) => setImmediate(r));
    }
    const res = await importing;
    expect(res).toMatchObject({
      ok: false,
      error: { message: '同步包含有未在清单中声明的设备的变更，已拒绝' },
    });
    expect(samples.some((p) => p.done > 0 && p.done < p.total && p.total === many.length + 1)).toBe(true);
    await saving;
    expect(dept.raw().prepare('SELECT count(*) FROM parked_changes').pluck().get()).toBe(0);
    expect(
      dept
        .raw()
        .prepare("SELECT count(*) FROM institutions WHERE name = '和田地区职业技术学院'")
        .pluck()
        .get(),
    ).toBe(1);
    expect(await dept.call('sync.progress', {})).toBeNull();
  });

  it('parks changes beyond a gap and applies them when the missing bundle arrives', async () => {
    await recordTraining();
    const first = await exportFrom(site);
    const [row] = (await site.call('activities.list', {})).rows;
    await edit(site, row!.id, { notes: '补充说明' });
    const second = await exportFrom(site);
    // Without an acknowledgement the second bundle repeats the first's changes; keep only the new ones.
    const tail = (await readBundle(second.bytes)).records.filter((r) => r.s > first.records);
    const late = await crafted(tail);
    const { fingerprint } = await dept.call('sync.inspect', file(late));
    expect((await dept.call('sync.import', file(late, fingerprint))).summary).toMatchObject({
      new: 0,
      parked: tail.length,
    });
    const [peer] = (await dept.call('sync.status', {})).peers;
    expect(peer!.gap).toEqual({ from: 1, to: first.records });
    expect((await dept.call('activities.list', {})).total).toBe(0);
    expect((await dept.call('sync.import', file(first.bytes))).summary.parked).toBe(0);
    expect((await dept.call('activities.get', { id: row!.id })).notes).toBe('补充说明');
    expect(dept.raw().prepare('SELECT count(*) FROM parked_changes').pluck().get()).toBe(0);
    expect((await dept.call('sync.status', {})).peers[0]!.gap).toBeNull();
  });
});

describe('encrypted bundles', () => {
  it('seals a site’s bundle to the department’s key: only that department reads it', async () => {
    await recordTraining();
    expect(await site.app.invoke('sync.export', { encrypt: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/尚未收到教育主管部门的加密公钥/) },
    });
    await exchange(site, dept);
    const [row] = (await site.call('activities.list', {})).rows;
    await edit(site, row!.id, { notes: '加密传送的补充说明' });
    const sealed = await exportFrom(site, { encrypt: true });
    // Compressed before sealing: about the size of the same bundle in the clear, not its inflated size.
    const clear = await exportFrom(site);
    expect(sealed.bytes.length).toBeLessThan(clear.bytes.length * 1.5);
    const inside = await readZip(sealed.bytes, BUNDLE_LIMITS);
    expect(inside.get(chunkName(1))!.includes(Buffer.from('加密传送'))).toBe(false);
    expect(JSON.parse(inside.get(MANIFEST)!.toString('utf8'))).toHaveProperty('encryption.alg');

    const stranger = await openDepartment();
    try {
      const res = await stranger.app.invoke('sync.inspect', file(sealed.bytes));
      expect(res).toMatchObject({ ok: false, error: { message: expect.stringMatching(/无法读取/) } });
    } finally {
      stranger.close();
    }
    expect((await dept.call('sync.import', file(sealed.bytes))).summary.new).toBeGreaterThan(0);
    expect((await dept.call('activities.get', { id: row!.id })).notes).toBe('加密传送的补充说明');
  });
});
