import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { runChild } from './child';
import { figure } from './stats';

// Issue 16's import benchmark: ledgers of 5,000 and 50,000 rows laid out as offices keep them (a title, a
// two-row header, dates typed several ways, counts with units), previewed and then committed as the
// dialog does (the commit reuses the preview's reading), each in a child process (xlsxImport.ts) whose
// peak resident size is the memory figure.

const TYPES = ['培训', '研修班', '推进会', '送教', '跟岗学习', '调研', '慰问'];
const PLACES = ['普宁市教育局', '广太镇仁美小学', '南溪镇南溪小学', '揭阳职院', '线上'];

/** Written with the streaming writer, so building the file does not weigh on the memory measured. */
const ledger = async (rows: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('2023年台账');
  sheet.addRow(['揭阳职业技术学院对口帮扶工作台账']);
  sheet.addRow(['序号', '活动名称', '活动类型', '时间', null, '地点', '参训人数', null, '学时', '备注']);
  sheet.addRow([null, null, null, '开始', '结束', null, '教师', '学生', null, null]);
  // The writer merges only rows it has not committed yet.
  sheet.mergeCells('D2:E2');
  sheet.mergeCells('G2:H2');
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2023, 0, 1) + (i % 365) * 86_400_000);
    const start = i % 3 === 0 ? day : `${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
    sheet
      .addRow([
        i + 1,
        `教师能力提升培训（第${i + 1}期）`,
        TYPES[i % TYPES.length],
        start,
        null,
        PLACES[i % PLACES.length],
        i % 4 === 0 ? `约${20 + (i % 80)}人` : 20 + (i % 80),
        i % 5 === 0 ? '/' : i % 200,
        i % 6,
        i % 7 === 0 ? '佐证材料：签到表' : null,
      ])
      .commit();
  }
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
};

interface Run {
  created: number;
  previewMs: number;
  previewCpuMs: number;
  commitMs: number;
  commitCpuMs: number;
  peakMb: number;
}

export const runXlsxBench = async (root: string): Promise<void> => {
  let peak = 0;
  for (const rows of [5_000, 50_000]) {
    const label = `${rows / 1000}k`;
    const bytes = await ledger(rows);
    const path = join(root, `xlsx-${label}.xlsx`);
    writeFileSync(path, bytes);
    // The import runs in a process of its own: its peak memory is the app's and the import's alone.
    const run = await runChild<Run>('xlsxImport.ts', [root, label, path]);
    if (run.created !== rows) throw new Error(`expected ${rows} new rows, the import wrote ${run.created}`);
    console.log(
      `xlsx ${label}: ${(bytes.length / 1e6).toFixed(1)} MB file, ${rows} rows imported; CPU time (user+system) ` +
        `preview ${Math.round(run.previewCpuMs)} ms, commit ${Math.round(run.commitCpuMs)} ms; ` +
        `peak ${Math.round(run.peakMb)} MB (wall time below)`,
    );
    figure(`xlsx.preview_${label}_ms`, Math.round(run.previewMs), 'ms');
    figure(`xlsx.commit_${label}_ms`, Math.round(run.commitMs), 'ms');
    peak = Math.max(peak, run.peakMb);
  }
  figure('xlsx.peak_mb', Math.round(peak), 'MB');
};
