import { describe, expect, it } from 'vitest';
import { hasExactName, matchInstitutions } from '../../renderer/components/institutionSearch';

const all = [
  { id: '1', name: '广东省教育厅', shortName: null, region: '广州' },
  { id: '2', name: '揭阳职业技术学院', shortName: '揭阳职院', region: '广东省揭阳市' },
  { id: '3', name: '普宁市教育局', shortName: null, region: '广东省普宁市' },
  { id: '4', name: 'Tianjin Light Industry Vocational College', shortName: 'TJLIVC', region: null },
];
const names = (q: string) => matchInstitutions(all, q).map((i) => i.id);

describe('institution picker search', () => {
  it('offers every institution, in the given order, before anything is typed', () => {
    expect(names('')).toEqual(['1', '2', '3', '4']);
    expect(names('   ')).toEqual(['1', '2', '3', '4']);
  });

  it('finds by part of the name, the short name people type, or the region; names that start with it first', () => {
    expect(names('普宁')).toEqual(['3']);
    expect(names('揭阳职院')).toEqual(['2']);
    expect(names('教育')).toEqual(['1', '3']);
    // 广东 starts one name and is only the region of two others: the name match leads.
    expect(names('广东')).toEqual(['1', '2', '3']);
    expect(names('南宁')).toEqual([]);
  });

  it('ignores case and stray spaces', () => {
    expect(names('tjlivc')).toEqual(['4']);
    expect(names('普宁 市')).toEqual(['3']);
  });

  it('does not offer to create a name that already exists', () => {
    expect(hasExactName(all, ' 普宁市教育局 ')).toBe(true);
    expect(hasExactName(all, '普宁市')).toBe(false);
  });
});
