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

const countIn = (xml: Buffer): number => {
  let n = 0;
  for (let at = xml.indexOf(ROW_TAG); at !== -1; at = xml.indexOf(ROW_TAG, at + ROW_TAG.length)) n++;
  return n;
};

/** Counts row tags in a sheet's XML as it inflates, a tag split between two chunks included. */
const rowCounter = () => {
  let tail = Buffer.alloc(0);
  let n = 0;
  return {
    add(chunk: Buffer) {
      // Too short to hold a whole tag on either side: only a tag across the boundary is found here.
      if (tail.length > 0) n += countIn(Buffer.concat([tail, chunk.subarray(0, ROW_TAG.length - 1)]));
      n += countIn(chunk);
      tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - (ROW_TAG.length - 1))));
    },
    get rows() {
      return n;
    },
  };
};

// The parts the reader needs: the workbook, its relationships, shared strings, styles and worksheets.
const NEEDED =
  /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedstrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/;

export interface WorkbookZip {
  /** The most rows any sheet has, counted on its raw XML. */
  rows: number;
  /** All sheets' rows together, counted the same way. */
  total: number;
  /** The workbook's own parts the reader needs, inflated, by lower-cased name. */
  parts: Map<string, Buffer>;
  /** The worksheets' entry names in the archive, by lower-cased name: read later, as they inflate. */
  sheets: Map<string, string>;
}

/**
 * Resolves with the rows and needed parts when the archive is a workbook of sane size; rejects with the
 * Chinese reason otherwise.
 */
export const checkWorkbookZip = async (bytes: Buffer, limits = ZIP_LIMITS): Promise<WorkbookZip> => {
  const seen = new Set<string>();
  const parts = new Map<string, Buffer>();
  const sheets = new Map<string, string>();
  const counters: { rows: number }[] = [];
  const isPart = (lower: string) => NEEDED.test(lower) && !lower.startsWith('xl/worksheets/');
  try {
    await walkZip(
      bytes,
      limits,
      (name, data) => {
        seen.add(name);
        const lower = name.toLowerCase();
        if (isPart(lower)) parts.set(lower, data);
      },
      // Only the small parts are held: a sheet's XML (tens of MB for a large ledger) is counted as it
      // inflates and dropped, and read again, streamed, when its rows are read.
      (name) => {
        const lower = name.toLowerCase();
        if (isPart(lower)) return null;
        seen.add(name);
        if (!NEEDED.test(lower)) return () => undefined;
        sheets.set(lower, name);
        const counter = rowCounter();
        counters.push(counter);
        return (chunk) => counter.add(chunk);
      },
    );
  } catch (e) {
    const bomb = e instanceof ZipRefused && (e.problem === 'bomb' || e.problem === 'too-many');
    throw refuse(bomb ? ZIP_BOMB : NOT_A_WORKBOOK);
  }
  if (!REQUIRED.every((n) => seen.has(n))) throw refuse(NOT_A_WORKBOOK);
  const counts = counters.map((c) => c.rows);
  return { rows: Math.max(0, ...counts), total: counts.reduce((a, b) => a + b, 0), parts, sheets };
};
