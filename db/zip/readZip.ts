import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { openArchive, type ArchiveBytes } from './archiveBytes';

// Archives come from users (workbooks) and from other sites (sync bundles, by USB stick or upload). Every
// entry is checked and inflated here under fixed limits, counted on the bytes actually inflated, before any
// of it is parsed; a failure names which rule the archive broke.

export type ZipProblem =
  | 'not-zip'
  | 'bomb'
  | 'bad-name'
  | 'duplicate'
  | 'symlink'
  | 'too-many'
  | 'header-mismatch'
  | 'directory-data'
  | 'bad-crc';

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

const LOCAL_HEADER = 0x04034b50;
/** General purpose bit 3: CRC and sizes follow the data, so the local header may hold zeros for them. */
const DATA_DESCRIPTOR = 0x0008;
const ZIP64_SIZE = 0xffffffff;

/**
 * Readers trust the central directory; another tool may trust the local header in front of the data. An
 * archive whose two disagree on the name or the sizes reads differently in each, so it is refused.
 */
const localHeaderAgrees = (bytes: ArchiveBytes, entry: yauzl.Entry, rawName: Buffer): boolean => {
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + 30 > bytes.length) return false;
  const header = bytes.subarray(at, at + 30);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) return false;
  const nameLength = header.readUInt16LE(26);
  if (!bytes.subarray(at + 30, at + 30 + nameLength).equals(rawName)) return false;
  if (header.readUInt16LE(8) !== entry.compressionMethod) return false;
  const sizes: [number, number][] = [
    [header.readUInt32LE(14), entry.crc32],
    [header.readUInt32LE(18), entry.compressedSize],
    [header.readUInt32LE(22), entry.uncompressedSize],
  ];
  const deferred = (header.readUInt16LE(6) & DATA_DESCRIPTOR) !== 0;
  return sizes.every(
    ([local, central], i) =>
      local === central || (deferred && local === 0) || (i > 0 && local === ZIP64_SIZE),
  );
};

/** A directory entry holds nothing: no inflated bytes, and no more compressed bytes than an empty stream. */
const emptyDirectory = (entry: yauzl.Entry): boolean =>
  entry.uncompressedSize === 0 && entry.compressedSize <= (entry.compressionMethod === 0 ? 0 : 2);

/** Every file entry's bytes, by name; rejects with ZipRefused on the first rule broken. */
export const readZip = async (bytes: Buffer, limits: ZipLimits): Promise<Map<string, Buffer>> => {
  const files = new Map<string, Buffer>();
  await walkZip(bytes, limits, (name, data) => {
    files.set(name, data);
  });
  return files;
};

/** Takes an entry's inflated bytes chunk by chunk as they come, instead of whole. */
export type ChunkReader = (chunk: Buffer) => void;

/**
 * Visits each file entry in archive order with its inflated bytes, one entry at a time: the next is not
 * inflated until `visit` (which may be async) has finished, so memory holds one entry, not the archive.
 * An entry for which `chunked` gives a reader is not held at all: its chunks go to the reader as they are
 * inflated (checked the same way, its CRC at the end) and `visit` does not see it. An error thrown by
 * `visit` or a reader stops the walk and rejects with it.
 */
export const walkZip = (
  bytes: ArchiveBytes,
  limits: ZipLimits,
  visit: (name: string, data: Buffer) => void | Promise<void>,
  chunked: (name: string) => ChunkReader | null = () => null,
): Promise<void> =>
  new Promise((resolve, reject) => {
    openArchive(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (err, zip) => {
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
        const rawName = entry.fileName as unknown as Buffer;
        if (!localHeaderAgrees(bytes, entry, rawName)) return fail(new ZipRefused('header-mismatch', name));
        if (name.endsWith('/'))
          return emptyDirectory(entry) ? next() : fail(new ZipRefused('directory-data', name));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(new ZipRefused('not-zip', name));
          const reader = chunked(name);
          // An entry held whole is inflated into bytes of its declared size (yauzl refuses any other
          // size): gathering pieces and joining them held it twice, and the pieces outlived the young
          // generation while the entry was used. Untouched pages of a size that lies cost no memory.
          const whole = reader ? null : Buffer.allocUnsafe(declared);
          let filled = 0;
          let crc = 0;
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > limits.totalBytes || (whole && filled + chunk.length > whole.length)) {
              stream.destroy();
              fail(new ZipRefused('bomb', name));
            } else if (whole) filled += chunk.copy(whole, filled);
            else if (reader) {
              crc = crc32(chunk, crc);
              try {
                reader(chunk);
              } catch (re) {
                stream.destroy();
                fail(re);
              }
            }
          });
          // yauzl stops a stream that inflates past its declared size: a lying header, so a bomb.
          stream.on('error', (se: Error) =>
            fail(new ZipRefused(/too many bytes/i.test(se.message) ? 'bomb' : 'not-zip', name)),
          );
          stream.on('end', () => {
            if (failed) return;
            const data = whole ? whole.subarray(0, filled) : null;
            // yauzl leaves the CRC to its caller: a flipped bit in stored data would pass unnoticed.
            if ((data ? crc32(data) : crc) !== entry.crc32) return fail(new ZipRefused('bad-crc', name));
            Promise.resolve()
              .then(() => (data ? visit(name, data) : undefined))
              .then(next, fail);
          });
        });
      });
      zip.readEntry();
    });
  });

/**
 * One entry of an archive walkZip has already accepted, as a stream of its inflated bytes: a part too large
 * to hold whole is read as it inflates. Rejects when the archive has no entry of that name.
 */
export const openZipEntry = (bytes: Buffer, name: string): Promise<Readable> =>
  new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: false },
      (err, zip) => {
        if (err || !zip) return reject(new ZipRefused('not-zip'));
        zip.on('error', () => reject(new ZipRefused('not-zip', name)));
        zip.on('end', () => reject(new ZipRefused('not-zip', name)));
        zip.on('entry', (entry: yauzl.Entry) => {
          if ((entry.fileName as unknown as Buffer).toString('utf8') !== name) return zip.readEntry();
          zip.openReadStream(entry, (e, stream) =>
            e || !stream ? reject(new ZipRefused('not-zip', name)) : resolve(stream),
          );
        });
        zip.readEntry();
      },
    );
  });
