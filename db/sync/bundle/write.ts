import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { signBytes } from '../identity';
import { canonicalChange, canonicalJson } from './canonical';
import { chunkName, CHUNK_RECORDS, MANIFEST, SIGNATURE, type ChangeRecord, type Manifest } from './format';
import { SEAL_ALG, sealerTo } from './seal';

/** What the caller states; the writer adds what it counts (records, ranges, counts, entries, encryption). */
export type ManifestHeader = Omit<Manifest, 'entries' | 'records' | 'encryption' | 'ranges' | 'counts'>;

/** The department's encryption key, when the bundle is to be sealed to it. */
export interface SealTo {
  publicKeyPem: string;
  fingerprint: string;
}

/** Told how many uncompressed entries (chunks, attachments) the writer holds, each time that changes. */
export type HeldWatch = (entries: number) => void;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A chunk's lines encoded straight into its bytes as they come: joining 5,000 lines into one string and
 * encoding that cost four times as much.
 */
class ChunkBytes {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  lines = 0;

  add(line: string): void {
    // A UTF-16 unit never takes more than three bytes in UTF-8, and the newline one more.
    const most = line.length * 3 + 1;
    if (this.bytes.length - this.length < most) {
      const larger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + most));
      this.bytes.copy(larger, 0, 0, this.length);
      this.bytes = larger;
    }
    this.length += this.bytes.write(line, this.length, 'utf8');
    this.bytes[this.length++] = 0x0a;
    this.lines++;
  }

  /** The chunk so far; the next lines go into new bytes of the size this chunk needed. */
  take(): Buffer {
    const chunk = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(this.bytes.length);
    this.length = 0;
    this.lines = 0;
    return chunk;
  }
}

// Entries carry a fixed time: the same content always zips to the same bytes.
const MTIME = new Date(Date.UTC(2020, 0, 1));

/**
 * Writes a signed bundle from records taken one at a time (pages of the change log, for the largest
 * exports): chunks of changes and the attachments they name as they come, then the manifest listing every
 * entry's hash, then its signature. Each entry is handed to the zip only when the one before it has been
 * deflated and written out, and the next records are taken meanwhile: memory holds at most two
 * uncompressed entries and the compressed output, whatever the number of records.
 */
export const writeBundle = async (
  header: ManifestHeader,
  records: Iterable<ChangeRecord>,
  blob: (sha256: string) => Buffer | null,
  privateKeyPem: string,
  sealTo?: SealTo,
  held?: HeldWatch,
): Promise<{ bytes: Buffer; manifest: Manifest }> => {
  const zip = new yazl.ZipFile();
  const output: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.on('error', reject);
    zip.outputStream.on('data', (c: Buffer) => output.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(output)));
  });
  // Settles only if the zip fails, failing whoever waits for an entry's turn.
  const failure = done.then(() => new Promise<never>(() => undefined));
  failure.catch(() => undefined);
  const sealer = sealTo ? sealerTo(sealTo.publicKeyPem, header.bundleId) : null;
  const entries: Manifest['entries'] = [];
  let holding = 0;
  const hold = (change: number) => {
    holding += change;
    held?.(holding);
  };

  /** Queues one entry; settles when the zip starts on it, every entry before it being written out. */
  const add = (name: string, plain: Buffer): Promise<void> => {
    const data = sealer ? sealer.seal(name, plain) : plain;
    entries.push({ name, size: data.length, sha256: sha256(data) });
    // Sealed entries were deflated before sealing; compressing ciphertext again only costs time.
    const options = { mtime: MTIME, mode: 0o100644, compress: !sealer, size: data.length };
    // The zip keeps every entry's callback to the end: only `pending` may reach the bytes, and it lets go.
    let pending: Buffer | null = data;
    hold(1);
    const taken = new Promise<void>((started) => {
      zip.addReadStreamLazy(name, options, (give) => {
        const stream = new Readable({ read() {} });
        stream.push(pending);
        stream.push(null);
        pending = null;
        started();
        give(null, stream);
      });
    });
    return Promise.race([taken, failure]);
  };

  // An entry is done once the zip starts on the next one (or finishes): only then are its bytes let go.
  let inZip = false;
  const queue = async (name: string, plain: Buffer) => {
    await add(name, plain);
    if (inZip) hold(-1);
    inZip = true;
  };

  const ranges = new Map<string, { deviceId: string; from: number; to: number }>();
  const counts: Record<string, number> = {};
  const blobsAdded = new Set<string>();
  let total = 0;
  let chunks = 0;
  const lines = new ChunkBytes();
  const flush = async () => {
    if (lines.lines > 0) await queue(chunkName(++chunks), lines.take());
  };
  for (const r of records) {
    lines.add(canonicalChange(r));
    total++;
    const range = ranges.get(r.d);
    if (range) {
      range.from = Math.min(range.from, r.s);
      range.to = Math.max(range.to, r.s);
    } else ranges.set(r.d, { deviceId: r.d, from: r.s, to: r.s });
    counts[r.t] = (counts[r.t] ?? 0) + 1;
    const sha = r.t === 'attachments' ? r.v.sha256 : undefined;
    if (typeof sha === 'string' && !blobsAdded.has(sha)) {
      const data = blob(sha);
      if (data) {
        blobsAdded.add(sha);
        await queue(`blobs/${sha}`, data);
      }
    }
    if (lines.lines >= CHUNK_RECORDS) await flush();
  }
  await flush();

  const manifest: Manifest = {
    ...header,
    ...(sealer && sealTo
      ? { encryption: { alg: SEAL_ALG, ephemeralKey: sealer.ephemeralKey, recipient: sealTo.fingerprint } }
      : {}),
    ranges: [...ranges.values()],
    counts,
    records: total,
    entries,
  };
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  zip.addBuffer(manifestBytes, MANIFEST, { mtime: MTIME, mode: 0o100644 });
  zip.addBuffer(signBytes(privateKeyPem, manifestBytes), SIGNATURE, { mtime: MTIME, mode: 0o100644 });
  zip.end();
  const bytes = await done;
  if (inZip) hold(-1);
  return { bytes, manifest };
};
