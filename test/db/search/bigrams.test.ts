import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigrams, ftsPhrase } from '../../../db/search/bigrams';

describe('bigram index text', () => {
  it('turns text into adjacent character pairs, never across spaces or punctuation', () => {
    expect(bigrams('普宁市教育局')).toBe('普宁 宁市 市教 教育 育局');
    expect(bigrams('南溪镇、南溪小学')).toBe('南溪 溪镇 南溪 溪小 小学');
    expect(bigrams('AI 培训')).toBe('ai 培训');
    expect(bigrams('')).toBe('');
    expect(bigrams(null)).toBe('');
  });

  it('keeps a NUL, which FTS5 cannot read inside a query, out of the phrase', () => {
    expect(ftsPhrase('培\u0000训"班')).toBe('"培 训""班"');
  });

  it('quotes queries so they are matched as text, never as FTS syntax', () => {
    expect(ftsPhrase('a" OR b')).toBe('"a"" OR b"');
  });
});

// The definition the index was built with (one test of the pattern per character of each pair): the fast
// path must give the same text for every input, or rows indexed before and after would disagree.
const SEPARATOR = /[\s\p{P}\p{S}]/u;
const definition = (text: string | null): string => {
  if (!text) return '';
  const chars = Array.from(text.toLowerCase());
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++)
    if (!SEPARATOR.test(chars[i]!) && !SEPARATOR.test(chars[i + 1]!)) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs.join(' ');
};

describe('bigram index text, fast path', () => {
  const pieces = fc.constantFrom(
    '培训',
    '普宁市',
    '教育局',
    '（第1期）',
    '、',
    '：',
    ' ',
    '\t',
    'AI',
    'İ',
    'ẞ',
    'Σ',
    '😀',
    '𠮷',
    '\uD800',
    '\uDC00',
    '—',
    '2023-12-14',
    '"',
    '\u0000',
    '\u3000',
    'ｱ',
    'Ａ',
  );
  it('gives exactly what the pair-by-pair definition gives, astral and broken characters included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary' }),
        ),
        (text) => {
          expect(bigrams(text)).toBe(definition(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
