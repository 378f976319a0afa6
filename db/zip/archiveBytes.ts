import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

// A picked file reaches the store as base64 text (the bridge and the screen carry text), and the caller
// holds that text until the call returns. Decoding it whole added a second copy of the archive for the
// call's length, and a third while the dry run's copy waited for a full garbage collection: at 1,000,000
// records 25 MB each, a sixth of the import's peak memory. The archive is read where it lies instead: a
// zip is read by ranges (the directory, then each entry's compressed bytes), and base64 decodes by range.

/** An archive's bytes, whole (a Buffer) or read a range at a time; Buffer fits this shape as it is. */
export interface ArchiveBytes {
  readonly length: number;
  /** The bytes from `start` to `end`, fresh or shared: callers only read them. */
  subarray(start: number, end: number): Buffer;
}

const GROUP_CHARS = 4;
const GROUP_BYTES = 3;

/** Base64 text read as the bytes it encodes, a range at a time; only ever built from strict text. */
class Base64Bytes implements ArchiveBytes {
  readonly length: number;

  constructor(private readonly text: string) {
    const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
    this.length = (text.length / GROUP_CHARS) * GROUP_BYTES - padding;
  }

  subarray(start: number, end: number): Buffer {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    const first = Math.floor(from / GROUP_BYTES);
    const last = Math.ceil(to / GROUP_BYTES);
    const groups = Buffer.from(this.text.slice(first * GROUP_CHARS, last * GROUP_CHARS), 'base64');
    return groups.subarray(from - first * GROUP_BYTES, to - first * GROUP_BYTES);
  }
}

/**
 * Strict base64: whole groups of the standard alphabet, padding only at the very end. Only such text
 * decodes group by group to the same bytes as whole; anything looser (whitespace, the URL alphabet, stray
 * characters Node's decoder skips) is decoded whole as before, so every input means what it meant.
 */
const isStrictBase64 = (text: string): boolean =>
  text.length > 0 &&
  text.length % GROUP_CHARS === 0 &&
  !/[^A-Za-z0-9+/]/.test(text.slice(0, -2)) &&
  /^(?:[A-Za-z0-9+/]{2}|[A-Za-z0-9+/]=|==)$/.test(text.slice(-2));

/** The bytes a file sent as base64 holds, without decoding it whole when the text allows. */
export const archiveFromBase64 = (text: string): ArchiveBytes =>
  isStrictBase64(text) ? new Base64Bytes(text) : Buffer.from(text, 'base64');

/** Hashed under a megabyte at a time (a multiple of a base64 group: no group is decoded twice). */
const HASH_STEP = GROUP_BYTES * 256 * 1024;

export const sha256OfArchive = (bytes: ArchiveBytes): string => {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += HASH_STEP) hash.update(bytes.subarray(at, at + HASH_STEP));
  return hash.digest('hex');
};

/** What yauzl streams compressed bytes in, as its own reader of a Buffer does. */
const STREAM_PIECE = 0x10000;

/** yauzl's view of bytes that are not one Buffer: each range it asks for, decoded when asked. */
class ArchiveReader extends yauzl.RandomAccessReader {
  constructor(private readonly bytes: ArchiveBytes) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const { bytes } = this;
    let at = start;
    return new Readable({
      read() {
        if (at >= end) {
          this.push(null);
          return;
        }
        const next = Math.min(end, at + STREAM_PIECE);
        this.push(bytes.subarray(at, next));
        at = next;
      },
    });
  }
}

/** Opens an archive with yauzl: a Buffer as yauzl reads Buffers, other bytes through a range reader. */
export const openArchive = (
  bytes: ArchiveBytes,
  options: yauzl.Options,
  callback: (err: Error | null, zip?: yauzl.ZipFile) => void,
): void => {
  if (Buffer.isBuffer(bytes)) yauzl.fromBuffer(bytes, options, callback);
  // As fromBuffer does: nothing to close behind the caller's back; the walk closes the archive itself.
  else
    yauzl.fromRandomAccessReader(
      new ArchiveReader(bytes),
      bytes.length,
      { ...options, autoClose: false },
      callback,
    );
};
