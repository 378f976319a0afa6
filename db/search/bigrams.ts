// Chinese words are mostly two characters (培训, 普宁, 挂职), and FTS5's trigram tokenizer cannot match a
// query shorter than three. Alongside the trigram index, each searchable text is also indexed as its
// adjacent character pairs ("普宁市" -> "普宁 宁市"), so a two-character query is one token lookup.

const SEPARATOR = /[\s\p{P}\p{S}]/u;

export const bigrams = (text: string | null | undefined): string => {
  if (!text) return '';
  const chars = Array.from(text.toLowerCase());
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (!SEPARATOR.test(a) && !SEPARATOR.test(b)) pairs.push(a + b);
  }
  return pairs.join(' ');
};

/** The shortest query the trigram index answers. */
export const TRIGRAM_MIN = 3;

/** An FTS5 string literal: the query is matched as text, never parsed as FTS syntax. */
// FTS5 cannot read a NUL inside a query string (SQLite stops there and reports an unterminated string).
export const ftsPhrase = (q: string): string => `"${q.replace(/\0/g, ' ').replace(/"/g, '""')}"`;
