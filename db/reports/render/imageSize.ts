// The pixel size of a JPEG, PNG or GIF, read from its header: Word needs an image's size to place it, and
// these three formats (the ones a report may show) say it in their first bytes.

export interface ImageSize {
  width: number;
  height: number;
}

const pngSize = (b: Buffer): ImageSize | null =>
  b.length >= 24 && b.toString('latin1', 12, 16) === 'IHDR'
    ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
    : null;

const gifSize = (b: Buffer): ImageSize | null =>
  b.length >= 10 ? { width: b.readUInt16LE(6), height: b.readUInt16LE(8) } : null;

// Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding)
// share the range but are not frames.
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

const jpegSize = (b: Buffer): ImageSize | null => {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = b.readUInt16BE(at + 2);
    if (isFrame(marker)) return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return null;
};

export const imageSize = (mime: string, bytes: Buffer): ImageSize | null => {
  const size =
    mime === 'image/png'
      ? pngSize(bytes)
      : mime === 'image/gif'
        ? gifSize(bytes)
        : mime === 'image/jpeg'
          ? jpegSize(bytes)
          : null;
  return size && size.width > 0 && size.height > 0 ? size : null;
};

/** Scales a size down (never up) to fit a box, keeping its shape. */
export const fitInto = (size: ImageSize, box: ImageSize): ImageSize => {
  const k = Math.min(1, box.width / size.width, box.height / size.height);
  return { width: Math.max(1, Math.round(size.width * k)), height: Math.max(1, Math.round(size.height * k)) };
};
