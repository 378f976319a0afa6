import { describe, expect, it } from 'vitest';
import { checkWorkbookZip } from '../../../db/ledger-io/zipGuard';
import { makeZip } from '../../helpers/zip';

// Before a sheet is parsed, its rows are counted on its XML as it inflates, and the XML is not kept: a
// large ledger is refused or read without its sheets ever lying whole in memory.

/** Inflated bytes arrive in chunks of this size (zlib's default), so a row tag can be split between two. */
const INFLATE_CHUNK = 16 * 1024;

/** A sheet of `rows` rows in which a row tag starts two bytes before every chunk boundary. */
const sheetSplittingTags = (rows: number): Buffer => {
  const parts = ['<worksheet><sheetData>'];
  let at = Buffer.byteLength(parts[0]!);
  let boundary = INFLATE_CHUNK;
  for (let n = 1; n <= rows; n++) {
    const row = `<row r="${n}"><c t="inlineStr"><is><t>第${n}期</t></is></c></row>`;
    const length = Buffer.byteLength(row);
    if (at + length > boundary - 2) {
      parts.push(' '.repeat(boundary - 2 - at));
      at = boundary - 2;
      boundary += INFLATE_CHUNK;
    }
    parts.push(row);
    at += length;
  }
  return Buffer.from(`${parts.join('')}</sheetData></worksheet>`);
};

describe('checking a workbook archive before reading it', () => {
  it('counts every row of every sheet, a row tag split between two inflated chunks included, and keeps no sheet’s XML', async () => {
    const bytes = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/sharedStrings.xml', data: Buffer.from('<sst/>') },
      { name: 'xl/worksheets/Sheet1.xml', data: sheetSplittingTags(6_000) },
      { name: 'xl/worksheets/sheet2.xml', data: sheetSplittingTags(2_500) },
      { name: 'docProps/app.xml', data: Buffer.from('<Properties/>') },
    ]);
    const zip = await checkWorkbookZip(bytes);
    expect(zip.rows).toBe(6_000);
    expect(zip.total).toBe(8_500);
    expect([...zip.parts.keys()].sort()).toEqual(['xl/sharedstrings.xml', 'xl/workbook.xml']);
    expect([...zip.sheets]).toEqual([
      ['xl/worksheets/sheet1.xml', 'xl/worksheets/Sheet1.xml'],
      ['xl/worksheets/sheet2.xml', 'xl/worksheets/sheet2.xml'],
    ]);
  });
});
