import { SaxesParser } from 'saxes';

// The workbook's XML parts are read as a stream of tags with saxes (the parser exceljs itself uses): no
// document tree is built, and saxes expands no entities beyond XML's own, so a part cannot pull in others.

export interface XmlHandlers {
  /** An element opens; `name` without its namespace prefix (x:row and row alike). */
  open(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const CHUNK = 256 * 1024;

const local = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/** An attribute by its local name, whatever prefix the file gave it (r:id, relationships:id). */
export const attribute = (attributes: Record<string, string>, name: string): string | undefined => {
  if (name in attributes) return attributes[name];
  const suffix = `:${name}`;
  for (const key in attributes) if (key.endsWith(suffix)) return attributes[key];
  return undefined;
};

/**
 * Feeds the bytes to the parser a chunk at a time; `between` runs after each chunk (to report progress,
 * give the event loop a turn, or stop the reading by throwing). Malformed XML rejects.
 */
export const parseXml = async (
  bytes: Buffer,
  handlers: XmlHandlers,
  between?: () => void | Promise<void>,
): Promise<void> => {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('opentag', (tag) => handlers.open(local(tag.name), tag.attributes));
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  for (let at = bom ? 3 : 0; at < bytes.length;) {
    // A chunk ends before a character's first byte, never inside a character of several bytes.
    let end = Math.min(at + CHUNK, bytes.length);
    while (end < bytes.length && end > at + 1 && (bytes[end]! & 0xc0) === 0x80) end--;
    parser.write(bytes.toString('utf8', at, end));
    at = end;
    if (between) await between();
  }
  parser.close();
};

/**
 * The cell's text as a string of its own. The parser's text is a slice of the whole chunk it came in, and a
 * slice keeps its chunk alive: kept for every cell, that would keep the sheet's XML in memory. Excel writes
 * characters XML cannot hold (a carriage return) as _x000D_.
 */
export const ownText = (s: string): string => {
  const text = s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s;
  const trimmed = text.trim();
  // V8 copies short slices anyway; joining to a character and slicing it off copies a longer one.
  return trimmed.length < 13 ? trimmed : ` ${trimmed}`.slice(1);
};
