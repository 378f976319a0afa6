// What a file really is, read from its first bytes: a renamed file ("photo.jpg" that is a Word document, or
// an executable) is refused rather than stored as evidence.

export interface Sniffed {
  mime: string;
  kind: 'image' | 'document';
}

const startsWith = (b: Buffer, bytes: number[], offset = 0) => bytes.every((x, i) => b[offset + i] === x);

export const sniff = (b: Buffer): Sniffed | null => {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', kind: 'image' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', kind: 'image' };
  if (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a') {
    return { mime: 'image/gif', kind: 'image' };
  }
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') {
    return { mime: 'image/webp', kind: 'image' };
  }
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return { mime: 'application/pdf', kind: 'document' };
  // Office Open XML (docx, xlsx, pptx) and plain zip archives share the zip signature.
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return { mime: 'application/zip', kind: 'document' };
  // Legacy Office (doc, xls) compound files.
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { mime: 'application/x-ole-storage', kind: 'document' };
  return null;
};

const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp']);

const extension = (name: string): string => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** The stored MIME type for a file, or a Chinese reason it is refused. */
export const classify = (fileName: string, bytes: Buffer): { mime: string } | { error: string } => {
  const found = sniff(bytes);
  if (!found)
    return { error: `不支持的文件类型：${fileName}（可上传 JPG/PNG/GIF/WebP 图片、PDF 和 Office 文档）` };
  if (IMAGE_EXTENSIONS.has(extension(fileName)) && found.kind !== 'image') {
    return { error: `“${fileName}”不是图片文件，内容与扩展名不符` };
  }
  const ext = extension(fileName);
  const officeMime: Record<string, string> = {
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    doc: 'application/msword',
    xls: 'application/vnd.ms-excel',
  };
  if (found.mime === 'application/zip' || found.mime === 'application/x-ole-storage')
    return { mime: officeMime[ext] ?? found.mime };
  return { mime: found.mime };
};
