import yauzl from 'yauzl';

// Archives come from users (workbooks) and from other sites (sync bundles, by USB stick or upload). Every
// entry is checked and inflated here under fixed limits, counted on the bytes actually inflated, before any
// of it is parsed; a failure names which rule the archive broke.

export type ZipProblem = 'not-zip' | 'bomb' | 'bad-name' | 'duplicate' | 'symlink' | 'too-many';

export class ZipRefused extends Error {
  constructor(
    readonly problem: ZipProblem,
    readonly entry?: string,
  ) {
    super(`${problem}${entry ? `: ${entry}` : ''}`);
  }
}

export interface ZipLimits {
  entries: number;
  /** Inflated bytes of the whole archive. */
  totalBytes: number;
  /** An entry above this size may not expand more than `ratio` times. */
  ratioFloorBytes: number;
  ratio: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Only plain relative paths: no "..", no absolute or drive-letter paths, no backslashes, no empty parts. */
export const safeEntryName = (name: string): boolean =>
  name.length > 0 &&
  name.length <= 255 &&
  !name.includes('\\') &&
  !name.includes('\0') &&
  !name.startsWith('/') &&
  !/^[a-zA-Z]:/.test(name) &&
  name
    .split('/')
    .every((part, i, all) => part !== '..' && part !== '.' && (part !== '' || i === all.length - 1));

/** Every file entry's bytes, by name; rejects with ZipRefused on the first rule broken. */
export const readZip = async (bytes: Buffer, limits: ZipLimits): Promise<Map<string, Buffer>> => {
  const files = new Map<string, Buffer>();
  await walkZip(bytes, limits, (name, data) => {
    files.set(name, data);
  });
  return files;
};

/**
 * Visits each file entry in archive order with its inflated bytes, one entry at a time: the next is not
 * inflated until `visit` (which may be async) has finished, so memory holds one entry, not the archive.
 * An error thrown by `visit` stops the walk and rejects with it.
 */
export const walkZip = (
  bytes: Buffer,
  limits: ZipLimits,
  visit: (name: string, data: Buffer) => void | Promise<void>,
): Promise<void> =>
  new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: false },
      (err, zip) => {
        if (err || !zip) {
          reject(new ZipRefused('not-zip'));
          return;
        }
        if (zip.entryCount > limits.entries) {
          zip.close();
          reject(new ZipRefused('too-many'));
          return;
        }
        const seen = new Set<string>();
        let inflated = 0;
        let failed = false;
        const fail = (e: unknown) => {
          if (failed) return;
          failed = true;
          zip.close();
          reject(e);
        };
        const next = () => {
          if (!failed) zip.readEntry();
        };
        zip.on('error', () => fail(new ZipRefused('not-zip')));
        zip.on('end', () => {
          if (!failed) resolve();
        });
        zip.on('entry', (entry: yauzl.Entry) => {
          // Names arrive raw (decodeStrings off): yauzl would turn "a\\b" into "a/b" and hide the backslash.
          const name = (entry.fileName as unknown as Buffer).toString('utf8');
          if (!safeEntryName(name)) return fail(new ZipRefused('bad-name', name));
          if (seen.has(name)) return fail(new ZipRefused('duplicate', name));
          seen.add(name);
          if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK)
            return fail(new ZipRefused('symlink', name));
          const declared = entry.uncompressedSize;
          if (
            declared > limits.totalBytes ||
            (declared > limits.ratioFloorBytes && declared > entry.compressedSize * limits.ratio)
          )
            return fail(new ZipRefused('bomb', name));
          if (name.endsWith('/')) return next();
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return fail(new ZipRefused('not-zip', name));
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => {
              inflated += chunk.length;
              if (inflated > limits.totalBytes) {
                stream.destroy();
                fail(new ZipRefused('bomb', name));
              } else chunks.push(chunk);
            });
            // yauzl stops a stream that inflates past its declared size: a lying header, so a bomb.
            stream.on('error', (se: Error) =>
              fail(new ZipRefused(/too many bytes/i.test(se.message) ? 'bomb' : 'not-zip', name)),
            );
            stream.on('end', () => {
              if (failed) return;
              Promise.resolve()
                .then(() => visit(name, Buffer.concat(chunks)))
                .then(next, fail);
            });
          });
        });
        zip.readEntry();
      },
    );
  });
