import { describe, expect, it } from 'vitest';
import { cellText, parseDateRange, parseNumber, parseOnline, parseType } from '../../../db/ledger-io/cells';
import { fieldOfHeader, guessMapping, headerScore } from '../../../db/ledger-io/columns';
import { IMPORT_FIELDS } from '../../../electron/shared/schemas/ledgerImport';

describe('spreadsheet cells', () => {
  it('reads dates and date ranges the ways schools type them', () => {
    const cases: [string, { start: string; end: string | null } | null][] = [
      ['2023-12-14', { start: '2023-12-14', end: null }],
      ['2023.12.14', { start: '2023-12-14', end: null }],
      ['2023/12/14', { start: '2023-12-14', end: null }],
      ['2023年12月14日', { start: '2023-12-14', end: null }],
      ['２０２３年１２月１４日', { start: '2023-12-14', end: null }],
      ['2023.12.14-18', { start: '2023-12-14', end: '2023-12-18' }],
      ['2023年12月14日至18日', { start: '2023-12-14', end: '2023-12-18' }],
      ['2023年12月30日至1月2日', { start: '2023-12-30', end: '2024-01-02' }],
      ['2023-12-14~2023-12-18', { start: '2023-12-14', end: '2023-12-18' }],
      ['2023.11.28-12.2', { start: '2023-11-28', end: '2023-12-02' }],
      ['45274', { start: '2023-12-14', end: null }],
      ['2023-02-30', null],
      ['十二月中旬', null],
      ['', null],
    ];
    for (const [text, want] of cases) expect([text, parseDateRange(text)]).toEqual([text, want]);
  });

  it('reads counts with units, thousands separators, percentages and 万', () => {
    expect(parseNumber('50')).toBe(50);
    expect(parseNumber('50人')).toBe(50);
    expect(parseNumber('1,200 人次')).toBe(1200);
    expect(parseNumber('95%')).toBe(95);
    expect(parseNumber('2.1万元')).toBe(21000);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('约五十人')).toBe('约五十人');
  });

  it('names the activity type from the exact term or the word a cell contains', () => {
    expect(parseType('培训')).toBe('培训');
    expect(parseType('教师培训班')).toBe('培训');
    expect(parseType('送教下乡讲座')).toBe('送教讲座');
    expect(parseType('技能大赛培训')).toBe('技能竞赛指导');
    expect(parseType('捐款')).toBe('捐赠');
    expect(parseType('联欢')).toBeNull();
  });

  it('reads 线上 and 线下 and refuses anything else', () => {
    expect(parseOnline('线上')).toBe(true);
    expect(parseOnline(' 线下 ')).toBe(false);
    expect(parseOnline('')).toBe(false);
    expect(parseOnline('混合')).toBeNull();
  });

  it('shows rich text, formula results and date cells as a person sees them', () => {
    expect(cellText({ richText: [{ text: '教师' }, { text: '培训' }] })).toBe('教师培训');
    expect(cellText({ formula: 'SUM(A1:A2)', result: 50 } as never)).toBe('50');
    expect(cellText(new Date(Date.UTC(2023, 11, 14)))).toBe('2023-12-14');
    expect(cellText(null)).toBe('');
  });
});

describe('spreadsheet headers', () => {
  it('maps headers with spaces, brackets and units to fields, each column once', () => {
    expect(fieldOfHeader(' 金额（元） ')).toBe('amountYuan');
    expect(fieldOfHeader('满意度(%)')).toBe('satisfactionPct');
    expect(fieldOfHeader('参训教师')).toBe('teachers');
    expect(fieldOfHeader('序号')).toBeNull();
    const mapping = guessMapping(['序号', '活动名称', '活动时间', '日期', '地点'], IMPORT_FIELDS);
    expect(mapping).toMatchObject({ title: 1, startDate: 2, place: 4, endDate: null });
    expect(headerScore(['2023年对口帮扶工作台账', '', ''])).toBe(0);
  });
});
