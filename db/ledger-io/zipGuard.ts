import yauzl from 'yauzl';
import { AppFailure } from '../../electron/shared/errors';

// An .xlsx is a zip. Users bring files from anywhere, so before a workbook parser inflates anything the
// archive is checked here: a real zip, the parts every workbook has, and bounded sizes, counted on the bytes
// actually inflated (a header may lie about them).

export const NOT_A_WORKBOOK = '该文件不是有效的 Excel 工作簿（.xlsx）';
export const ZIP_BOMB = '文件疑似压缩炸弹，已拒绝导入';

export const ZIP_LIMITS = {
  entries: 2000,
  /** Inflated bytes of the whole archive. */
  totalBytes: 100 * 1024 * 1024,
  /** An entry above this size may not expand more than `ratio` times. */
  ratioFloorBytes: 1024 * 1024,
  ratio: 200,
};

const REQUIRED = ['[Content_Types].xml', 'xl/workbook.xml'];

const notWorkbook = () => new AppFailure('VALIDATION', NOT_A_WORKBOOK, { file: NOT_A_WORKBOOK });
const bomb = () => new AppFailure('VALIDATION', ZIP_BOMB, { file: ZIP_BOMB });

const open = (bytes: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(notWorkbook()) : resolve(zip),
    ),
  );

/** Resolves when the archive is a workbook of sane size; rejects with the Chinese reason otherwise. */
export const checkWorkbookZip = async (bytes: Buffer, limits = ZIP_LIMITS): Promise<void> => {
  const zip = await open(bytes);
  if (zip.entryCount > limits.entries) {
    zip.close();
    throw bomb();
  }
  const names = new Set<string>();
  let inflated = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (e: AppFailure) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(e);
    };
    const next = () => {
      if (!failed) zip.readEntry();
    };
    zip.on('error', () => fail(notWorkbook()));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      names.add(entry.fileName);
      const declared = entry.uncompressedSize;
      if (
        declared > limits.totalBytes ||
        (declared > limits.ratioFloorBytes && declared > entry.compressedSize * limits.ratio)
      ) {
        fail(bomb());
        return;
      }
      if (entry.fileName.endsWith('/')) {
        next();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) {
          fail(notWorkbook());
          return;
        }
        stream.on('data', (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > limits.totalBytes) {
            stream.destroy();
            fail(bomb());
          }
        });
        // yauzl stops a stream that inflates past its declared size: a lying header, so a bomb.
        stream.on('error', (e: Error) => fail(/too many bytes/i.test(e.message) ? bomb() : notWorkbook()));
        stream.on('end', next);
      });
    });
    zip.readEntry();
  });
  if (!REQUIRED.every((n) => names.has(n))) throw notWorkbook();
};
