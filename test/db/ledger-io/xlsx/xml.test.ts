import { describe, expect, it } from 'vitest';
import { readSheet } from '../../../../db/ledger-io/xlsx/readSheet';
import type { WorkbookParts } from '../../../../db/ledger-io/xlsx/workbookParts';

// A sheet's XML is parsed as it inflates: the pieces it arrives in can end anywhere, inside a tag or inside
// a Chinese character's bytes, and the sheet reads the same as from its whole bytes.

const BOOK: WorkbookParts = { sheets: [], date1904: false, strings: [], dateStyles: [] };
const READING = { progress: () => undefined, maxRows: 1000, tooMany: () => new Error('too many') };

const XML = Buffer.from(
  '\ufeff<worksheet><sheetData>' +
    Array.from(
      { length: 40 },
      (_, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>揭阳职院送教下乡（第${i + 1}期）</t></is></c>` +
        `<c r="B${i + 1}"><v>${i * 1.5}</v></c></row>`,
    ).join('') +
    '</sheetData><mergeCells><mergeCell ref="C1:C3"/></mergeCells></worksheet>',
);

async function* pieces(bytes: Buffer, sizes: number[]) {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

describe('parsing a sheet as its bytes arrive', () => {
  it('reads the same rows from pieces that split tags and characters as from the whole bytes', async () => {
    const whole = await readSheet('台账', false, XML, BOOK, READING);
    expect(whole.rows).toHaveLength(40);
    expect(whole.rows[39]!.cells[0]!.text).toBe('揭阳职院送教下乡（第40期）');
    for (const sizes of [[1], [2, 5], [7, 1, 3]]) {
      const streamed = await readSheet('台账', false, pieces(XML, sizes), BOOK, READING);
      expect(streamed).toEqual(whole);
    }
  });
});
