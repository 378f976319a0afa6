import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../electron/shared/errors';
import type { Grid } from '../../../../db/ledger-io/grid';
import { readWorkbook } from '../../../../db/ledger-io/readWorkbook';
import { makeZip } from '../../../helpers/zip';

// Workbooks written by hand as other tools write them (WPS, the OpenXML SDK with its x: prefixes), read by
// the streaming reader: what each cell holds, merged ranges, hidden rows and sheets, and the row limit.

const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface HandSheet {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** The x:sheetData's rows, and what follows it (x:mergeCells). */
  rows: string;
  after?: string;
}

/** A workbook as the OpenXML SDK writes it: every element prefixed, parts named as Excel names them. */
const handWorkbook = (
  sheets: HandSheet[],
  { strings = [] as string[], styles = '', date1904 = false } = {},
): Buffer => {
  const rels = sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const parts = [
    {
      name: '[Content_Types].xml',
      text: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: 'xl/workbook.xml',
      text:
        `<?xml version="1.0" encoding="UTF-8"?><x:workbook ${NS} ${REL_NS}>` +
        (date1904 ? '<x:workbookPr date1904="1"/>' : '') +
        '<x:sheets>' +
        sheets
          .map(
            (s, i) =>
              `<x:sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</x:sheets></x:workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text:
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}` +
        `<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      text: `<x:worksheet ${NS}><x:sheetData>${s.rows}</x:sheetData>${s.after ?? ''}</x:worksheet>`,
    })),
    {
      name: 'xl/sharedStrings.xml',
      text: `<x:sst ${NS}>${strings.map((s) => `<x:si>${s}</x:si>`).join('')}</x:sst>`,
    },
    { name: 'xl/styles.xml', text: `<x:styleSheet ${NS}>${styles}</x:styleSheet>` },
  ];
  return makeZip(parts.map((p) => ({ name: p.name, data: Buffer.from(p.text, 'utf8') })));
};

const texts = (grid: Grid) => grid.rows.map((r) => [r.n, ...r.cells.map((c) => c.text)]);

describe('the streaming workbook reader', () => {
  it('reads what each cell holds: shared strings with rich runs but not phonetic guides, inline strings, date styles (custom and built-in Chinese ones), the 1904 date system, booleans, errors, and a formula without a saved result', async () => {
    const styles =
      '<x:numFmts count="2"><x:numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<x:numFmt numFmtId="177" formatCode="0&quot;人&quot;"/></x:numFmts>' +
      '<x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>' +
      '<x:cellXfs count="4"><x:xf numFmtId="0"/><x:xf numFmtId="176"/><x:xf numFmtId="177"/><x:xf numFmtId="58"/></x:cellXfs>';
    const strings = [
      '<x:t>活动名称</x:t>',
      '<x:r><x:t>教师</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">培训 </x:t></x:r><x:rPh sb="0" eb="2"><x:t>jiaoshi</x:t></x:rPh>',
      '<x:t>第一行_x000D_第二行 &amp; 说明</x:t>',
    ];
    const rows =
      '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row>' +
      '<x:row r="2"><x:c r="A2" s="1"><x:v>45061</x:v></x:c><x:c r="B2" s="2"><x:v>30</x:v></x:c>' +
      '<x:c r="C2" s="3"><x:v>45000.75</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t> 送教 </x:t></x:is></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4" t="b"><x:v>1</x:v></x:c><x:c r="B4" t="e"><x:v>#N/A</x:v></x:c>' +
      '<x:c r="C4"><x:f>SUM(A1:A3)</x:f></x:c><x:c r="D4" t="str"><x:f>A1</x:f><x:v>活动名称</x:v></x:c>' +
      '<x:c r="E4" t="s"><x:v>2</x:v></x:c></x:row>' +
      // Styled but empty cells and rows hold nothing.
      '<x:row r="5"><x:c r="A5" s="1"/></x:row>';
    const book = await readWorkbook(handWorkbook([{ name: '台账', rows }], { strings, styles }), '台账.xlsx');
    const [sheet] = book.sheets;
    expect(texts(sheet!)).toEqual([
      [1, '活动名称', '教师培训', '', '', ''],
      [2, '2023-05-15', '30', '2023-03-15', '送教', ''],
      [4, '是', '#N/A', '', '活动名称', '第一行\r第二行 & 说明'],
    ]);
    expect(sheet!.rows[1]!.cells.slice(0, 3)).toEqual([
      { text: '2023-05-15', date: '2023-05-15' },
      { text: '30', number: 30 },
      { text: '2023-03-15', date: '2023-03-15' },
    ]);
    expect(sheet!.rows[2]!.cells[2]).toEqual({ text: '', uncalculated: true });

    const old = await readWorkbook(
      handWorkbook(
        [{ name: '台账', rows: '<x:row r="1"><x:c r="A1" s="1"><x:v>45061</x:v></x:c></x:row>' }],
        {
          styles,
          date1904: true,
        },
      ),
      '台账.xlsx',
    );
    expect(old.sheets[0]!.rows[0]!.cells[0]).toEqual({ text: '2027-05-16', date: '2027-05-16' });
  });

  it('gives every cell of a merged range its first cell’s value, and marks hidden rows and hidden or very hidden sheets', async () => {
    const cell = (ref: string, text: string) =>
      `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`;
    const rows =
      `<x:row r="1">${cell('A1', '标题')}</x:row>` +
      `<x:row r="2">${cell('A2', '活动名称')}${cell('B2', '参训人数')}</x:row>` +
      `<x:row r="3">${cell('B3', '教师')}${cell('C3', '学生')}</x:row>` +
      `<x:row r="4">${cell('A4', '培训')}${cell('B4', '10')}${cell('C4', '20')}</x:row>` +
      // Row 5 exists only under the merge A4:A5; row 6 is hidden.
      `<x:row r="6" hidden="1">${cell('A6', '旧培训')}${cell('B6', '5')}</x:row>`;
    const after =
      '<x:mergeCells count="4"><x:mergeCell ref="A1:C1"/><x:mergeCell ref="A2:A3"/><x:mergeCell ref="B2:C2"/><x:mergeCell ref="A4:A5"/></x:mergeCells>';
    const book = await readWorkbook(
      handWorkbook([
        { name: '说明', state: 'hidden', rows: `<x:row r="1">${cell('A1', '说明')}</x:row>` },
        { name: '台账', rows, after },
        { name: '代码', state: 'veryHidden', rows: '' },
      ]),
      '台账.xlsx',
    );
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['说明', true],
      ['台账', false],
      ['代码', true],
    ]);
    const sheet = book.sheets[1]!;
    expect(texts(sheet)).toEqual([
      [1, '标题', '标题', '标题'],
      [2, '活动名称', '参训人数', '参训人数'],
      [3, '活动名称', '教师', '学生'],
      [4, '培训', '10', '20'],
      [5, '培训', '', ''],
      [6, '旧培训', '5', ''],
    ]);
    expect(sheet.rows.map((r) => r.hidden)).toEqual([false, false, false, false, false, true]);
  });

  it('stops reading a sheet as soon as it has more rows than an import may hold, long before its end, also when the rows are written in a form the raw count does not see', async () => {
    const total = 150_000;
    const parts: string[] = [];
    for (let n = 1; n <= total; n++)
      parts.push(`<x:row r="${n}"><x:c r="A${n}"><x:v>${n}</x:v></x:c></x:row>`);
    const bytes = handWorkbook([{ name: '台账', rows: parts.join('') }]);
    const seen: number[] = [];
    const reading = readWorkbook(bytes, '大台账.xlsx', (done, of) => {
      seen.push(done);
      expect(of).toBeGreaterThanOrEqual(done);
    });
    await expect(reading).rejects.toThrow(AppFailure);
    await expect(reading).rejects.toThrow(/超过 50,000 行，请分批导入/);
    // Progress came while reading, and the reading stopped within a chunk of the limit.
    expect(seen.length).toBeGreaterThan(1);
    expect(Math.max(...seen)).toBeLessThan(60_000);
  }, 60_000);
});
