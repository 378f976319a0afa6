import { describe, expect, it } from 'vitest';
import { fieldOfHeader, readHeader } from '../../../db/ledger-io/columns';
import type { Grid, GridRow } from '../../../db/ledger-io/grid';
import { findTable, skipReason } from '../../../db/ledger-io/layout';

const row = (n: number, texts: string[], hidden = false): GridRow => ({
  n,
  hidden,
  cells: texts.map((text) => ({ text })),
});
const grid = (rows: string[][]): Grid => ({
  name: 's',
  hidden: false,
  rows: rows.map((r, i) => row(i + 1, r)),
});

describe('finding the table', () => {
  it('finds the header under a long title block', () => {
    const t = findTable(
      grid([
        ['某某学院对口帮扶工作台账', '', ''],
        ['填报单位：帮扶办', '', ''],
        ['', '', ''],
        ['2023年1月—12月', '', ''],
        ['活动名称', '日期', '地点'],
        ['培训', '2023-01-01', '揭阳'],
      ]),
    );
    expect(t).toMatchObject({ headerRows: [5], headers: ['活动名称', '日期', '地点'], dataStart: 5 });
    expect(t!.titleText).toContain('2023年1月');
  });

  it('composes a two-row header whose group cells were left blank to the right, not merged', () => {
    const t = findTable(
      grid([
        ['活动名称', '时间', '', '参加人数', '', '', '地点'],
        ['', '开始', '结束', '教师', '学生', '干部', ''],
      ]),
    );
    expect(t!.headers).toEqual([
      '活动名称',
      '时间·开始',
      '时间·结束',
      '参加人数·教师',
      '参加人数·学生',
      '参加人数·干部',
      '地点',
    ]);
    expect(t!.headers.map(fieldOfHeader)).toEqual([
      'title',
      'startDate',
      'endDate',
      'teachers',
      'students',
      'cadres',
      'place',
    ]);
  });

  it('reads units and years in a header’s brackets', () => {
    expect(readHeader('金额（万元）')).toMatchObject({ field: 'amountYuan', scale: 10_000 });
    expect(readHeader('时长(小时)')).toMatchObject({ field: 'hours', scale: 1 });
    expect(readHeader('时长（天）')).toMatchObject({ field: 'days' });
    expect(readHeader('日期（2023年）')).toMatchObject({ field: 'startDate', year: 2023 });
  });

  it('tells totals, signatures, notes, repeated headers, blank and hidden rows from data', () => {
    const headers = ['活动名称', '日期'];
    expect(skipReason(row(9, ['合  计', '', '120']), headers)).toBe('total');
    expect(skipReason(row(9, ['小计', '']), headers)).toBe('total');
    expect(skipReason(row(9, ['填表人：李华', '审核人：王强']), headers)).toBe('signature');
    expect(skipReason(row(9, ['注：人数按签到表统计', '']), headers)).toBe('note');
    expect(skipReason(row(9, ['活动名称', '日期']), headers)).toBe('header');
    expect(skipReason(row(9, ['', '']), headers)).toBe('blank');
    expect(skipReason(row(9, ['培训', '2023-01-01'], true), headers)).toBe('hidden');
    expect(skipReason(row(9, ['合作办学座谈', '2023-01-01']), headers)).toBeNull();
    expect(skipReason(row(9, ['骨干教师培训', '2023-01-01', '负责人：张敏']), headers)).toBeNull();
    expect(skipReason(row(9, ['累计培训教师交流会', '2023-01-01']), headers)).toBeNull();
  });
});
