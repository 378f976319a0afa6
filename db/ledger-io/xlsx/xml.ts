import { StringDecoder } from 'node:string_decoder';
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
 * Feeds the bytes (whole, or as a stream of chunks as they inflate) to the parser; `between` runs after
 * each CHUNK of them (to report progress, give the event loop a turn, or stop the reading by throwing).
 * Malformed XML rejects.
 */
export const parseXml = async (
  bytes: Buffer | AsyncIterable<Buffer>,
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
  // The decoder holds back a character split between two chunks until the next one completes it.
  const decoder = new StringDecoder('utf8');
  let first = true;
  let since = 0;
  const feed = async (chunk: Buffer) => {
    const bom = first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    first = false;
    parser.write(decoder.write(bom ? chunk.subarray(3) : chunk));
    since += chunk.length;
    if (since >= CHUNK && between) {
      since = 0;
      await between();
    }
  };
  if (Buffer.isBuffer(bytes))
    for (let at = 0; at < bytes.length; at += CHUNK) await feed(bytes.subarray(at, at + CHUNK));
  else for await (const chunk of bytes) await feed(chunk);
  parser.write(decoder.end());
  if (since > 0 && between) await between();
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
