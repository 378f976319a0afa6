import { AppFailure } from '../../electron/shared/errors';
import { readZip, ZipRefused, type ZipLimits } from '../zip/readZip';

// An .xlsx is a zip. Before a workbook parser inflates anything the archive passes readZip's checks (real
// zip, safe names, bounded sizes counted on inflated bytes) and holds the parts every workbook has.

export const NOT_A_WORKBOOK = '该文件不是有效的 Excel 工作簿（.xlsx）';
export const ZIP_BOMB = '文件疑似压缩炸弹，已拒绝导入';

export const ZIP_LIMITS: ZipLimits = {
  entries: 2000,
  totalBytes: 100 * 1024 * 1024,
  ratioFloorBytes: 1024 * 1024,
  ratio: 200,
};

const REQUIRED = ['[Content_Types].xml', 'xl/workbook.xml'];

const refuse = (message: string) => new AppFailure('VALIDATION', message, { file: message });

/** Resolves when the archive is a workbook of sane size; rejects with the Chinese reason otherwise. */
export const checkWorkbookZip = async (bytes: Buffer, limits = ZIP_LIMITS): Promise<void> => {
  let files: Map<string, Buffer>;
  try {
    files = await readZip(bytes, limits);
  } catch (e) {
    const bomb = e instanceof ZipRefused && (e.problem === 'bomb' || e.problem === 'too-many');
    throw refuse(bomb ? ZIP_BOMB : NOT_A_WORKBOOK);
  }
  if (!REQUIRED.every((n) => files.has(n))) throw refuse(NOT_A_WORKBOOK);
};
