// Chinese words are mostly two characters (培训, 普宁, 挂职), and FTS5's trigram tokenizer cannot match a
// query shorter than three. Alongside the trigram index, each searchable text is also indexed as its
// adjacent character pairs ("普宁市" -> "普宁 宁市"), so a two-character query is one token lookup.

const SEPARATOR = /[\s\p{P}\p{S}]/u;
/** Surrogates: text with characters beyond the BMP (or broken halves) takes the code-point path. */
const SURROGATE = /[\uD800-\uDFFF]/;

// Every row written in bulk is indexed through this function (one call per row, beside the trigram index's
// own tokenizer), so it was measured: testing the separator pattern twice per character was most of it.
// Each BMP character's verdict is kept once learnt, and pairs are cut from the string itself.
const separatorOf = new Uint8Array(0x10000);
const isSeparator = (code: number) => {
  let known = separatorOf[code]!;
  if (known === 0) separatorOf[code] = known = SEPARATOR.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
};

const byCodePoint = (lower: string): string => {
  const chars = Array.from(lower);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (!SEPARATOR.test(a) && !SEPARATOR.test(b)) pairs.push(a + b);
  }
  return pairs.join(' ');
};

export const bigrams = (text: string | null | undefined): string => {
  if (!text) return '';
  const lower = text.toLowerCase();
  if (SURROGATE.test(lower)) return byCodePoint(lower);
  const pairs: string[] = [];
  let joinable = false;
  for (let i = 0; i < lower.length; i++) {
    const ok = !isSeparator(lower.charCodeAt(i));
    if (ok && joinable) pairs.push(lower.slice(i - 1, i + 1));
    joinable = ok;
  }
  return pairs.join(' ');
};

/** The shortest query the trigram index answers. */
export const TRIGRAM_MIN = 3;

/** An FTS5 string literal: the query is matched as text, never parsed as FTS syntax. */
// FTS5 cannot read a NUL inside a query string (SQLite stops there and reports an unterminated string).
export const ftsPhrase = (q: string): string => `"${q.replace(/\0/g, ' ').replace(/"/g, '""')}"`;
