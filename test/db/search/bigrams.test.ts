import { describe, expect, it } from 'vitest';
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
