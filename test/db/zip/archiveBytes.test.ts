import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { archiveFromBase64, sha256OfArchive, type ArchiveBytes } from '../../../db/zip/archiveBytes';
import { walkZip, ZipRefused, type ZipLimits } from '../../../db/zip/readZip';
import { makeZip, type ZipEntry } from '../../helpers/zip';

// A bundle picked on the screen arrives as base64 text and is read where it lies, a range at a time: every
// range, hash and verdict must be what the same bytes decoded whole give.

const LIMITS: ZipLimits = {
  entries: 100,
  totalBytes: 10 * 1024 * 1024,
  ratioFloorBytes: 1024 * 1024,
  ratio: 200,
};

describe('an archive read from its base64 text', () => {
  it('gives any range of strict base64 as the bytes decoded whole, without decoding the text whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.nat(700), fc.nat(700), (raw, a, b) => {
        const bytes = Buffer.from(raw);
        const archive = archiveFromBase64(bytes.toString('base64'));
        expect(Buffer.isBuffer(archive)).toBe(false);
        expect(archive.length).toBe(bytes.length);
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(archive.subarray(start, end).equals(bytes.subarray(start, end))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes text that is not strict base64 whole, as Node always read it', () => {
    const bytes = randomBytes(100);
    const text = bytes.toString('base64');
    const loose = [
      `${text.slice(0, 40)}\n${text.slice(40)}`,
      bytes.toString('base64url'),
      text.replace(/=+$/, ''),
      `${text.slice(0, 8)}=${text.slice(8)}`,
      '',
    ];
    for (const t of loose) {
      const archive = archiveFromBase64(t);
      expect(Buffer.isBuffer(archive)).toBe(true);
      expect((archive as Buffer).equals(Buffer.from(t, 'base64'))).toBe(true);
    }
  });

  it('hashes what the bytes decoded whole hash to, over many steps', () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    const whole = createHash('sha256').update(bytes).digest('hex');
    expect(sha256OfArchive(archiveFromBase64(bytes.toString('base64')))).toBe(whole);
    expect(sha256OfArchive(bytes)).toBe(whole);
  });

  it('walks a zip as its bytes decoded whole walk, refusals included', async () => {
    const data = Buffer.from('第1期培训\n'.repeat(20_000));
    const archives: Record<string, ZipEntry[]> = {
      sound: [
        { name: 'changes/000001.ndjson', data },
        { name: 'blobs/a', data: randomBytes(200_000) },
        { name: 'manifest.json', data: Buffer.from('{}') },
      ],
      'local name differs': [{ name: 'a.txt', data, localName: 'b.txt' }],
      'local size differs': [{ name: 'a.txt', data, localSize: 3 }],
      'bad crc': [{ name: 'a.txt', data, crc: 1 }],
      symlink: [{ name: 'link', data: Buffer.from('/etc'), mode: 0o120777 }],
      'lying size': [{ name: 'a.txt', data, declaredSize: 10 }],
      'unsafe name': [{ name: '../a.txt', data }],
    };
    const walk = async (bytes: ArchiveBytes) => {
      const seen: [string, string][] = [];
      try {
        await walkZip(bytes, LIMITS, (name, got) => {
          seen.push([name, createHash('sha256').update(got).digest('hex')]);
        });
        return { seen };
      } catch (e) {
        if (e instanceof ZipRefused) return { seen, problem: e.problem };
        throw e;
      }
    };
    for (const [label, entries] of Object.entries(archives)) {
      const bytes = makeZip(entries);
      const fromText = archiveFromBase64(bytes.toString('base64'));
      expect(Buffer.isBuffer(fromText)).toBe(false);
      expect({ label, ...(await walk(fromText)) }).toEqual({ label, ...(await walk(bytes)) });
    }
    expect((await walk(makeZip(archives.sound!))).seen).toHaveLength(3);
    expect(await walk(archiveFromBase64(Buffer.from('not a zip at all').toString('base64')))).toEqual({
      seen: [],
      problem: 'not-zip',
    });
  });
});
