import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { openZipEntry, walkZip, ZipRefused, type ZipLimits } from '../../../db/zip/readZip';
import { makeZip } from '../../helpers/zip';

// A part too large to hold whole (a 50,000-row sheet's XML) is taken chunk by chunk as it inflates, checked
// as strictly as a part held whole, and read again later as a stream.

const LIMITS: ZipLimits = {
  entries: 100,
  totalBytes: 50 * 1024 * 1024,
  ratioFloorBytes: 1024 * 1024,
  ratio: 200,
};

const sheetXml = (rows: number) =>
  Buffer.from(
    Array.from(
      { length: rows },
      (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>第${i + 1}期培训</t></is></c></row>`,
    ).join(''),
  );

describe('reading a zip entry as it inflates', () => {
  it('hands a streamed entry over in order, chunk by chunk and never whole, and the other entries whole', async () => {
    const big = sheetXml(20_000);
    const bytes = makeZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: big },
    ]);
    const whole: string[] = [];
    const chunks: Buffer[] = [];
    await walkZip(
      bytes,
      LIMITS,
      (name) => {
        whole.push(name);
      },
      (name) => (name.includes('worksheets') ? (chunk) => chunks.push(Buffer.from(chunk)) : null),
    );
    expect(whole).toEqual(['xl/workbook.xml']);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(big.length);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
  });

  it('still refuses a streamed entry whose bytes do not match its CRC, and stops on a reader’s error', async () => {
    const data = sheetXml(5_000);
    const bad = makeZip([{ name: 'xl/worksheets/sheet1.xml', data, crc: 12345 }]);
    const read = walkZip(
      bad,
      LIMITS,
      () => undefined,
      () => () => undefined,
    );
    await expect(read).rejects.toBeInstanceOf(ZipRefused);
    await expect(read).rejects.toMatchObject({ problem: 'bad-crc' });

    const good = makeZip([{ name: 'xl/worksheets/sheet1.xml', data }]);
    const stop = new Error('too many rows');
    const stopped = walkZip(
      good,
      LIMITS,
      () => undefined,
      () => () => {
        throw stop;
      },
    );
    await expect(stopped).rejects.toBe(stop);
  });

  it('opens one entry by its name as a stream of its inflated bytes, and refuses a name the archive lacks', async () => {
    const data = sheetXml(8_000);
    const bytes = makeZip([
      { name: 'xl/worksheets/Sheet1.xml', data },
      { name: 'xl/worksheets/sheet2.xml', data: Buffer.from('<worksheet/>') },
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of await openZipEntry(bytes, 'xl/worksheets/Sheet1.xml'))
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    await expect(openZipEntry(bytes, 'xl/worksheets/sheet3.xml')).rejects.toBeInstanceOf(ZipRefused);
  });

  it('holds an entry it hands over whole once, not also the pieces it inflated in', async () => {
    // A full collection first, so what is counted is what the walk still holds, not garbage.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const big = sheetXml(200_000);
    const bytes = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: big }]);
    let held = 0;
    let same = false;
    gc();
    const before = process.memoryUsage().arrayBuffers;
    await walkZip(bytes, LIMITS, async (_name, data) => {
      // Freed array buffers are swept off the thread after a collection: twice, a turn apart.
      gc();
      await new Promise(setImmediate);
      gc();
      held = process.memoryUsage().arrayBuffers - before;
      same = data.equals(big);
    });
    expect(same).toBe(true);
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    expect(held).toBeGreaterThanOrEqual(big.length);
    expect(held).toBeLessThan(1.25 * big.length);
  });
});
