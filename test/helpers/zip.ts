import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

// A minimal zip writer for hostile archives a real zip tool will not make: entries whose headers state a
// size other than their data's, or that deflate absurdly well.

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Data deflated beforehand (too large to hold inflated); `data` is then ignored. */
  deflated?: Deflated;
  /** The uncompressed size the headers state; defaults to the truth. */
  declaredSize?: number;
  /** Unix mode bits in the central directory (e.g. 0o120777 for a symlink). */
  mode?: number;
  /** A name in the local header other than the central directory's. */
  localName?: string;
  /** An uncompressed size in the local header other than the central directory's. */
  localSize?: number;
  /** A CRC-32 in both headers other than the data's. */
  crc?: number;
}

// Archives of 100,000 empty entries are made in tests: deflating nothing once is enough.
const EMPTY_DEFLATED = deflateRawSync(Buffer.alloc(0));

export const makeZip = (entries: ZipEntry[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = e.deflated?.packed ?? (e.data.length === 0 ? EMPTY_DEFLATED : deflateRawSync(e.data));
    const crc = e.crc ?? e.deflated?.crc ?? crc32(e.data);
    const size = e.declaredSize ?? e.deflated?.size ?? e.data.length;
    const localName = e.localName === undefined ? name : Buffer.from(e.localName, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.localSize ?? size, 22);
    local.writeUInt16LE(localName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.mode === undefined ? 20 : (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    if (e.mode !== undefined) central.writeUInt32LE((e.mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, localName, packed);
    centrals.push(central, name);
    offset += local.length + localName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  // Over 65,535 entries the count lives in the Zip64 end records, which the classic one points to.
  const zip64 = entries.length > 0xffff;
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
};

const WORKBOOK_PARTS = (sheet: Buffer, declaredSize?: number): ZipEntry[] => [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
  { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(declaredSize === undefined ? {} : { declaredSize }) },
];

/** An .xlsx-shaped archive with a 60 MB sheet of zeros that deflates to about 60 KB. */
export const zipBomb = (): Buffer => makeZip(WORKBOOK_PARTS(Buffer.alloc(60 * 1024 * 1024)));

/** The same bomb whose headers claim the sheet is 1 KB, so only counting inflated bytes catches it. */
export const lyingZipBomb = (): Buffer => makeZip(WORKBOOK_PARTS(Buffer.alloc(60 * 1024 * 1024), 1024));

export interface Deflated {
  packed: Buffer;
  crc: number;
  size: number;
}

/** `bytes` zeros deflated a megabyte at a time: a bomb of any size without ever holding it inflated. */
export const deflatedZeros = async (bytes: number): Promise<Deflated> => {
  const mb = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let left = bytes; left > 0; left -= mb.length) {
    const chunk = left >= mb.length ? mb : mb.subarray(0, left);
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await ended;
  return { packed: Buffer.concat(out), crc, size: bytes };
};
