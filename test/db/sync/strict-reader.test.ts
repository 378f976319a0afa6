import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../db/sync/bundle/canonical';
import { chunkName, MANIFEST, SIGNATURE, type Manifest } from '../../../db/sync/bundle/format';
import { BUNDLE_LIMITS } from '../../../db/sync/bundle/read';
import { signBytes } from '../../../db/sync/identity';
import { readZip } from '../../../db/zip/readZip';
import { openTestApp, seedAgreement, type TestApp } from '../../helpers/db';
import { bundleFile as file, exportFrom, importInto, openDepartment, wholeDump } from '../../helpers/sync';
import { makeZip, type ZipEntry } from '../../helpers/zip';

// The bundle reader is strict (issue 12, item 8): a bundle that two readers could read two ways, or whose
// manifest says other than what it holds, is refused even when the signing key is the site's own.

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

const siteKey = () => readFileSync(join(site.dir, 'device-key.pem'), 'utf8');

describe('a strict bundle reader', () => {
  it('refuses each bundle that says other than it holds, with a Chinese reason and nothing written', async () => {
    const { agreement } = await seedAgreement(site);
    await importInto(dept, (await exportFrom(site)).bytes);
    await site.call('activities.create', {
      agreementId: agreement.id,
      type: '培训',
      title: '教师信息技术应用能力培训',
      startDate: '2023-12-14',
    });
    const good = await exportFrom(site);
    const parts = await readZip(good.bytes, BUNDLE_LIMITS);
    const manifest = JSON.parse(parts.get(MANIFEST)!.toString('utf8')) as Manifest;
    const entries = (patch: Partial<Record<string, Partial<ZipEntry>>> = {}, extra: ZipEntry[] = []) =>
      makeZip([...[...parts].map(([name, data]) => ({ name, data, ...patch[name] })), ...extra]);
    /** Signed by the site's real key, under a new bundle id: only the checks after the signature catch it. */
    const signed = (bytes: Buffer) =>
      entries({ [MANIFEST]: { data: bytes }, [SIGNATURE]: { data: signBytes(siteKey(), bytes) } });
    const resigned = (changes: Partial<Manifest>) =>
      signed(Buffer.from(canonicalJson({ ...manifest, bundleId: uuidv7(), ...changes }), 'utf8'));
    const own = manifest.ranges[0]!;
    const chunk = parts.get(chunkName(1))!;

    const cases: [string, Buffer, RegExp][] = [
      [
        'manifest with whitespace',
        signed(Buffer.from(JSON.stringify({ ...manifest, bundleId: uuidv7() }, null, 1), 'utf8')),
        /清单不是规范格式/,
      ],
      [
        'manifest with a key written twice',
        signed(
          Buffer.from(`{"appVersion":"9.9.9",${canonicalJson({ ...manifest, bundleId: uuidv7() }).slice(1)}`),
        ),
        /清单不是规范格式/,
      ],
      [
        'counts per table that differ',
        resigned({ counts: { ...manifest.counts, activities: 2 } }),
        /各表的变更数量与清单不符/,
      ],
      [
        'a table counted that is not there',
        resigned({ counts: { ...manifest.counts, outcomes: 1 } }),
        /各表的变更数量/,
      ],
      ['a seq range that differs', resigned({ ranges: [{ ...own, to: own.to + 5 }] }), /序号范围与清单不符/],
      ['a device listed twice', resigned({ ranges: [own, own] }), /序号范围/],
      [
        'a local header naming another entry',
        entries({ [chunkName(1)]: { localName: chunkName(2) } }),
        /文件头与目录记载不一致/,
      ],
      [
        'a local header stating another size',
        entries({ [chunkName(1)]: { localSize: chunk.length + 1 } }),
        /文件头与目录记载不一致/,
      ],
      [
        'a directory entry carrying data',
        entries({}, [{ name: 'blobs/', data: Buffer.from('藏在目录里的数据') }]),
        /目录条目带有数据/,
      ],
      ['a bad CRC', entries({ [chunkName(1)]: { crc: 0x12345678 } }), /校验值（CRC）不符/],
    ];
    const before = wholeDump(dept.raw());
    for (const [name, bytes, message] of cases)
      for (const method of ['sync.inspect', 'sync.import'] as const) {
        const res = await dept.app.invoke(method, file(bytes));
        expect([name, method, res.ok ? 'accepted' : res.error.message]).toEqual([
          name,
          method,
          expect.stringMatching(message),
        ]);
      }
    expect(wholeDump(dept.raw())).toBe(before);

    // The untouched bundle, rezipped by the same hand, still goes in: the refusals were for what was changed.
    expect((await dept.call('sync.import', file(entries()))).summary.tables.activities).toMatchObject({
      new: 1,
    });
  });
});
