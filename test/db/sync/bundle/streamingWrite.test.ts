import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { canonicalChange, canonicalJson } from '../../../../db/sync/bundle/canonical';
import {
  chunkName,
  CHUNK_RECORDS,
  MANIFEST,
  SIGNATURE,
  type ChangeRecord,
  type Manifest,
} from '../../../../db/sync/bundle/format';
import { BUNDLE_LIMITS, openBundle, readBundle, readContents } from '../../../../db/sync/bundle/read';
import { writeBundle, type ManifestHeader } from '../../../../db/sync/bundle/write';
import { generateDeviceKeys, signBytes } from '../../../../db/sync/identity';
import { readZip } from '../../../../db/zip/readZip';
import { makeZip } from '../../../helpers/zip';

// The writer streams: each chunk goes to the zip only once the one before it is written out, and what it
// writes is read back exactly. The reader's second pass no longer hashes entries again; a bundle changed
// anywhere is still refused, with the reasons it always had.

const keys = generateDeviceKeys();
const deviceId = uuidv7();

const header = (): ManifestHeader => ({
  format: 'bangfu-bundle',
  version: 1,
  bundleId: uuidv7(),
  kind: 'changes',
  siteId: uuidv7(),
  deviceId,
  publicKey: keys.publicKeyPem,
  appVersion: '0.0.0-test',
  schemaVersion: 0,
  createdAt: Date.UTC(2026, 0, 5),
  has: {},
});

const hlcOf = (i: number) => `${(0x18c5f2a0000 + i).toString(16).padStart(12, '0')}-0000-${'b'.repeat(16)}`;

/** Records as the change log holds them: an activity each, Chinese text, a null and a number among them. */
function* activities(n: number, seen?: (i: number) => void): Generator<ChangeRecord> {
  for (let i = 0; i < n; i++) {
    seen?.(i);
    yield {
      d: deviceId,
      s: i + 1,
      h: hlcOf(i),
      x: i + 1,
      t: 'activities',
      r: uuidv7(),
      o: 'i',
      v: { title: `教师信息技术应用能力培训（第${i + 1}期）`, teachers: 50, notes: null, type: '培训' },
    };
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the streaming bundle writer', () => {
  it('writes chunks whose bytes are the canonical lines of the records, which the reader gives back in order', async () => {
    const records = [...activities(2 * CHUNK_RECORDS + 17)];
    const { bytes, manifest } = await writeBundle(header(), records, () => null, keys.privateKeyPem);
    const parts = await readZip(bytes, BUNDLE_LIMITS);
    expect([...parts.keys()]).toEqual([chunkName(1), chunkName(2), chunkName(3), MANIFEST, SIGNATURE]);
    for (let c = 0; c < 3; c++) {
      const lines = records
        .slice(c * CHUNK_RECORDS, (c + 1) * CHUNK_RECORDS)
        .map((r) => `${canonicalJson(r)}\n`)
        .join('');
      const chunk = parts.get(chunkName(c + 1))!;
      expect(chunk.equals(Buffer.from(lines, 'utf8'))).toBe(true);
      expect(manifest.entries[c]).toEqual({
        name: chunkName(c + 1),
        size: chunk.length,
        sha256: sha256(chunk),
      });
    }
    const read = await readBundle(bytes);
    expect(read.records).toEqual(records);
    expect(read.manifest).toEqual(manifest);
    expect(manifest.records).toBe(records.length);
  });

  it('holds at most two uncompressed chunks however many it writes, and takes records only as it goes', async () => {
    const chunks = 12;
    let holding = 0;
    let most = 0;
    const heldWhenTaken: number[] = [];
    const source = activities(chunks * CHUNK_RECORDS, (i) => {
      if (i % CHUNK_RECORDS === 0) heldWhenTaken.push(holding);
    });
    const { bytes } = await writeBundle(
      header(),
      source,
      () => null,
      keys.privateKeyPem,
      undefined,
      (n) => {
        holding = n;
        most = Math.max(most, n);
      },
    );
    expect(most).toBe(2);
    expect(holding).toBe(0);
    // A chunk's first record is taken while at most the two chunks before it are still held.
    expect(heldWhenTaken).toHaveLength(chunks);
    expect(Math.max(...heldWhenTaken)).toBeLessThanOrEqual(2);
    expect((await readBundle(bytes)).records).toHaveLength(chunks * CHUNK_RECORDS);
  });

  it('writes attachments before the chunk that names them, each once', async () => {
    const blob = Buffer.from('一张签到表的照片', 'utf8');
    const sha = sha256(blob);
    const named = (s: number): ChangeRecord => ({
      d: deviceId,
      s,
      h: hlcOf(s),
      x: s,
      t: 'attachments',
      r: uuidv7(),
      o: 'i',
      v: { sha256: sha, file_name: '签到表.jpg' },
    });
    const asked: string[] = [];
    const { bytes } = await writeBundle(
      header(),
      [named(1), named(2)],
      (wanted) => {
        asked.push(wanted);
        return blob;
      },
      keys.privateKeyPem,
    );
    const read = await readBundle(bytes);
    expect(asked).toEqual([sha]);
    expect(read.blobs.get(sha)?.equals(blob)).toBe(true);
    expect([...(await readZip(bytes, BUNDLE_LIMITS)).keys()].slice(0, 2)).toEqual([
      `blobs/${sha}`,
      chunkName(1),
    ]);
  });
});

describe('canonical change lines', () => {
  const key = fc.oneof(
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/),
    fc.constantFrom('__proto__', '12', '9', '', '名称', 'B', 'a b'),
  );
  const value = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.constant(undefined),
    fc.dictionary(fc.string(), fc.integer()),
  );
  const record = fc.record({
    d: fc.uuid(),
    s: fc.integer({ min: 1 }),
    h: fc.string(),
    x: fc.integer({ min: 1 }),
    t: fc.constantFrom('activities', 'plans', 'x'),
    r: fc.uuid(),
    o: fc.constantFrom('i', 'u', 'n'),
    v: fc.dictionary(key, value),
  });

  it('are byte for byte what the general canonical form gives, for any values and names', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), (records) => {
        for (const r of records) expect(canonicalChange(r as ChangeRecord)).toBe(canonicalJson(r));
      }),
      { numRuns: 300 },
    );
  });
});

describe('reading a bundle twice', () => {
  const written = async () =>
    (await writeBundle(header(), activities(CHUNK_RECORDS + 1), () => null, keys.privateKeyPem)).bytes;

  it('refuses an entry changed under a manifest that still lists the old hash, with the old reason', async () => {
    const parts = await readZip(await written(), BUNDLE_LIMITS);
    const chunk = parts.get(chunkName(2))!.toString('utf8').replace('培训', '会议');
    parts.set(chunkName(2), Buffer.from(chunk, 'utf8'));
    const tampered = makeZip([...parts].map(([name, data]) => ({ name, data })));
    await expect(openBundle(tampered)).rejects.toThrow(`同步包条目已损坏：${chunkName(2)}`);
    // Twice: a refusal is never remembered as a verdict.
    await expect(openBundle(tampered)).rejects.toThrow(`同步包条目已损坏：${chunkName(2)}`);
  });

  it('refuses a re-signed manifest whose counts do not match the lines, in the second pass', async () => {
    const parts = await readZip(await written(), BUNDLE_LIMITS);
    const manifest = JSON.parse(parts.get(MANIFEST)!.toString('utf8')) as Manifest;
    const bytes = Buffer.from(canonicalJson({ ...manifest, records: manifest.records + 1 }), 'utf8');
    parts.set(MANIFEST, bytes);
    parts.set(SIGNATURE, signBytes(keys.privateKeyPem, bytes));
    const lying = makeZip([...parts].map(([name, data]) => ({ name, data })));
    await expect(readBundle(lying)).rejects.toThrow('同步包变更数量与清单不符');
  });

  it('verifies the same file once, and reads only the bytes it verified', async () => {
    const bytes = await written();
    const first = await openBundle(bytes);
    const again = await openBundle(Buffer.from(bytes));
    expect(again.manifest).toEqual(first.manifest);
    expect(again.manifestSha256).toBe(first.manifestSha256);
    // Each caller has its own manifest: a change to one is not seen by the next.
    (await openBundle(bytes)).manifest.records = 0;
    expect((await openBundle(bytes)).manifest.records).toBe(CHUNK_RECORDS + 1);

    let seen = 0;
    await readContents(again, { change: () => void seen++ });
    expect(seen).toBe(CHUNK_RECORDS + 1);
    // Bytes changed after the first pass are not read as if verified.
    const changed = Buffer.from(bytes);
    const opened = await openBundle(changed);
    changed.writeUInt8(changed.readUInt8(changed.length - 30) ^ 0xff, changed.length - 30);
    await expect(readContents(opened, { change: () => undefined })).rejects.toThrow(/校验值/);
  });
});
