import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppFailure } from '../../electron/shared/errors';
import { MAX_IMPORT_ROWS } from '../../electron/shared/schemas/ledgerImport';
import type { Book, Grid } from './grid';
import { readSheet } from './xlsx/readSheet';
import { readWorkbookParts, type WorkbookParts } from './xlsx/workbookParts';
import { openZipEntry } from '../zip/readZip';
import { checkWorkbookZip, NOT_A_WORKBOOK } from './zipGuard';

// Opens what a person picked: an .xlsx (also when named .et or .xlsm: WPS saves either), a .csv in UTF-8
// or GBK, or refuses an old binary workbook or an encrypted one with the way out.

export const SAVE_AS_XLSX = '请在 WPS/Excel 中另存为 .xlsx 后再导入';
export const OLD_FORMAT = `这是 Excel 97-2003（.xls）或 WPS（.et）格式的文件，无法直接读取：${SAVE_AS_XLSX}`;
export const ENCRYPTED = '该工作簿设有打开密码，无法读取：请先在 WPS/Excel 中取消密码，再另存为 .xlsx 后导入';
export const TOO_MANY_ROWS = `超过 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，请分批导入（例如每年一个文件）`;

const refuse = (message: string): never => {
  throw new AppFailure('VALIDATION', message, { file: message });
};

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// An encrypted .xlsx is an OLE container with these streams (MS-OFFCRYPTO); names are UTF-16LE.
const ENCRYPTED_STREAM = Buffer.from('EncryptedPackage', 'utf16le');

/** Rows read so far of the rows the workbook's sheets hold (counted on their XML before reading). */
export type ReadProgress = (done: number, total: number) => void | Promise<void>;

const readXlsx = async (bytes: Buffer, progress: ReadProgress): Promise<Book> => {
  const { rows, total, parts, sheets: entries } = await checkWorkbookZip(bytes);
  if (rows > MAX_IMPORT_ROWS + 100) refuse(TOO_MANY_ROWS);
  let book: WorkbookParts | null = null;
  try {
    book = await readWorkbookParts(parts);
  } catch {
    refuse(NOT_A_WORKBOOK);
  }
  if (!book || book.sheets.length === 0) return refuse('工作簿中没有工作表');
  const sheets: Grid[] = [];
  let before = 0;
  for (const sheet of book.sheets) {
    const entry = entries.get(sheet.path);
    if (!entry) return refuse(NOT_A_WORKBOOK);
    let read = 0;
    // The sheet's rows are counted as they are read: a sheet the raw count missed (x:row) stops here.
    const reading = {
      maxRows: MAX_IMPORT_ROWS + 100,
      tooMany: () => new AppFailure('VALIDATION', TOO_MANY_ROWS, { file: TOO_MANY_ROWS }),
      progress: (done: number) => {
        read = done;
        return progress(Math.min(before + done, total), total);
      },
    };
    // The sheet's XML is parsed as it inflates: it is never held whole.
    const xml = await openZipEntry(bytes, entry);
    try {
      sheets.push(await readSheet(sheet.name, sheet.hidden, xml, book, reading));
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      refuse(NOT_A_WORKBOOK);
    } finally {
      xml.destroy();
    }
    before += read;
  }
  return { format: 'xlsx', sheets };
};

/** UTF-8 (with or without a BOM), else GBK, the encoding Excel on Chinese Windows saves CSV in. */
export const decodeText = (bytes: Buffer): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
};

const readCsv = (bytes: Buffer, fileName: string): Book => {
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, bom: true });
  } catch {
    return refuse('CSV 文件格式有误，无法读取：请在 WPS/Excel 中打开后另存为 .xlsx 再导入');
  }
  if (records.length > MAX_IMPORT_ROWS + 100) refuse(TOO_MANY_ROWS);
  const width = Math.max(0, ...records.map((r) => r.length));
  const rows = records.map((r, i) => ({
    n: i + 1,
    hidden: false,
    cells: Array.from({ length: width }, (_, c) => ({ text: (r[c] ?? '').trim() })),
  }));
  return { format: 'csv', sheets: [{ name: fileName.replace(/\.[^.]+$/, ''), hidden: false, rows }] };
};

const readBook = async (bytes: Buffer, fileName: string, progress: ReadProgress): Promise<Book> => {
  if (bytes.subarray(0, 4).equals(ZIP)) return readXlsx(bytes, progress);
  if (bytes.subarray(0, 8).equals(OLE))
    return refuse(bytes.includes(ENCRYPTED_STREAM) ? ENCRYPTED : OLD_FORMAT);
  if (/\.csv$/i.test(fileName)) return readCsv(bytes, fileName);
  if (/\.(xls|et)$/i.test(fileName)) return refuse(OLD_FORMAT);
  return refuse(NOT_A_WORKBOOK);
};

// The preview's reading is kept for the commit that follows it: the same bytes are not parsed twice.
let last: { hash: string; book: Book } | null = null;

/** Drops the kept reading: once its rows are written nothing reads them again. */
export const forgetWorkbook = (): void => {
  last = null;
};

/** The file's sheets as grids, from the last reading when the bytes are the same. */
export const readWorkbook = async (
  bytes: Buffer,
  fileName: string,
  progress: ReadProgress = () => {},
): Promise<Book> => {
  const hash = createHash('sha256').update(bytes).update(fileName).digest('hex');
  if (last?.hash === hash) return last.book;
  last = null;
  const book = await readBook(bytes, fileName, progress);
  last = { hash, book };
  return book;
};
