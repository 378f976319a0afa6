import { AppFailure } from '../../electron/shared/errors';
import { walkZip, ZipRefused, type ZipLimits } from '../zip/readZip';

// An .xlsx is a zip. Before a workbook parser inflates anything the archive passes walkZip's checks (real
// zip, safe names, bounded sizes counted on inflated bytes) and holds the parts every workbook has; its
// sheets' rows are counted on the raw XML so an oversized ledger is refused before it is parsed.

export const NOT_A_WORKBOOK = '该文件不是有效的 Excel 工作簿（.xlsx）';
export const ZIP_BOMB = '文件疑似压缩炸弹，已拒绝导入';

export const ZIP_LIMITS: ZipLimits = {
  entries: 2000,
  totalBytes: 200 * 1024 * 1024,
  ratioFloorBytes: 1024 * 1024,
  ratio: 200,
};

const REQUIRED = ['[Content_Types].xml', 'xl/workbook.xml'];
const ROW_TAG = Buffer.from('<row ');

const refuse = (message: string) => new AppFailure('VALIDATION', message, { file: message });

const countRows = (xml: Buffer): number => {
  let n = 0;
  for (let at = xml.indexOf(ROW_TAG); at !== -1; at = xml.indexOf(ROW_TAG, at + ROW_TAG.length)) n++;
  return n;
};

// The parts the reader needs: the workbook, its relationships, shared strings, styles and worksheets.
const NEEDED =
  /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedstrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/;

export interface WorkbookZip {
  /** The most rows any sheet has, counted on its raw XML. */
  rows: number;
  /** All sheets' rows together, counted the same way. */
  total: number;
  /** The parts the reader needs, inflated, by lower-cased name. */
  parts: Map<string, Buffer>;
}

/**
 * Resolves with the rows and needed parts when the archive is a workbook of sane size; rejects with the
 * Chinese reason otherwise.
 */
export const checkWorkbookZip = async (bytes: Buffer, limits = ZIP_LIMITS): Promise<WorkbookZip> => {
  const seen = new Set<string>();
  const parts = new Map<string, Buffer>();
  let rows = 0;
  let total = 0;
  try {
    await walkZip(bytes, limits, (name, data) => {
      seen.add(name);
      const lower = name.toLowerCase();
      if (!NEEDED.test(lower)) return;
      parts.set(lower, data);
      if (!lower.startsWith('xl/worksheets/')) return;
      const n = countRows(data);
      rows = Math.max(rows, n);
      total += n;
    });
  } catch (e) {
    const bomb = e instanceof ZipRefused && (e.problem === 'bomb' || e.problem === 'too-many');
    throw refuse(bomb ? ZIP_BOMB : NOT_A_WORKBOOK);
  }
  if (!REQUIRED.every((n) => seen.has(n))) throw refuse(NOT_A_WORKBOOK);
  return { rows, total, parts };
};
