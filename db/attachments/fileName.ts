// The name an attachment is kept, shown and saved under. It comes from whoever added the file (or from
// another site through sync), so it is cleaned of what could mislead a person or a file system: control
// characters, bidi overrides (照片\u202egnp.exe shows as 照片exe.png), zero-width characters, lone
// surrogates, path parts, Windows device names. Its extension always names the type the content was found
// to be, so a PNG called poly.html is saved as poly.png and never opens as a web page.

const EXTENSIONS: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/zip': ['zip'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/msword': ['doc'],
  'application/vnd.ms-excel': ['xls'],
  'application/x-ole-storage': ['doc', 'xls', 'ppt'],
};

/** The extensions a file of this type may carry; the first is the one given when it has none of them. */
export const extensionsOf = (mime: string): readonly string[] => EXTENSIONS[mime] ?? ['bin'];

const FALLBACK_BASE = '附件';
const MAX_NAME = 200;

// Cc: controls; Cf: format characters (bidi embeddings, overrides and isolates, zero-width joiners, BOM,
// soft hyphen); Zl/Zp: line and paragraph separators; Cs: surrogates, which with the u flag match only
// lone ones (a pair is one code point); U+FFFD: what a lone surrogate became somewhere on the way.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\uFFFD]/gu;
const RESERVED = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** The given name without anything that could mislead, for messages that quote it. */
export const cleanFileName = (name: string): string =>
  name
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    // Leading dots hide a file (and `..` climbs); trailing dots and spaces are dropped by Windows.
    .replace(/^[\s.]+|[\s.]+$/g, '');

/** A safe display and save name for a file whose content is of type `mime`. */
export const attachmentFileName = (given: string, mime: string): string => {
  const allowed = extensionsOf(mime);
  const cleaned = cleanFileName(given);
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  let base = cleaned;
  let keep = allowed[0]!;
  if (allowed.includes(ext)) {
    base = cleaned.slice(0, dot);
    keep = ext;
  } else if (/^[a-z0-9]{1,5}$/.test(ext)) {
    // An extension of another type is replaced; text after a dot that is no extension stays in the name.
    base = cleaned.slice(0, dot);
  }
  base = Array.from(cleanFileName(base)).slice(0, MAX_NAME).join('');
  if (!base || WINDOWS_DEVICE.test(base.split('.')[0]!)) base = base ? `_${base}` : FALLBACK_BASE;
  return `${base}.${keep}`;
};
