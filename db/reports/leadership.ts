import type { Paragraph } from '../../electron/shared/schemas/reports';
import type { Facts, GroupFact, GroupMemberFact } from './facts';

// The 组织领导 sentence a leader signs: who formed the group, every 组长 and 副组长 by name, the office, and
// the meeting that approved the list in force with its date (seed 004 revised its group on 2023-06-13).

export const dateText = (date: string): string =>
  `${Number(date.slice(0, 4))} 年 ${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日`;

// A post that carries its own brackets (副院长（兼）) follows the name as the seeds write it: 刘瑞叶副院长（兼）.
const who = (m: GroupMemberFact) =>
  !m.post ? m.name : /[（(]/.test(m.post) ? `${m.name}${m.post}` : `${m.name}（${m.post}）`;
const names = (members: GroupMemberFact[]) => members.map(who).join('、');

/**
 * Who formed the group: 帮扶双方 only when its members come from both sides, else the institutions of the
 * one side they come from; empty when no member names an institution of the agreement.
 */
const formedBy = (g: GroupFact): string => {
  const sides = new Set(g.members.flatMap((m) => (m.side ? [m.side] : [])));
  if (sides.size > 1) return '帮扶双方';
  const institutions = new Set(g.members.flatMap((m) => (m.side && m.institution ? [m.institution] : [])));
  return [...institutions].join('、');
};

export const groupSentence = (g: GroupFact): string => {
  const leaders = g.members.filter((m) => m.kind === '领导小组');
  const heads = leaders.filter((m) => m.role === '组长');
  const deputies = leaders.filter((m) => m.role === '副组长');
  const office = g.members.filter((m) => m.kind === '办公室');
  const officeHeads = office.filter((m) => m.role === '办公室主任');
  const group = [
    heads.length ? `由${names(heads)}任组长` : '',
    deputies.length ? `${names(deputies)}任副组长` : '',
    `领导小组成员共 ${leaders.length} 人`,
  ].filter(Boolean);
  const officeText = office.length
    ? `；${officeHeads.length ? `办公室主任由${names(officeHeads)}担任，` : ''}办公室成员共 ${office.length} 人`
    : '';
  const approval = [
    `现行名单于 ${dateText(g.revisedOn)}`,
    g.approvedBy ? `经${g.approvedBy}审议通过` : '确定',
    g.documentNumber ? `（${g.documentNumber}）` : '',
    g.revisions > 0 ? `，本年度调整 ${g.revisions} 次` : '',
  ].join('');
  return `${formedBy(g)}成立帮扶工作领导小组，${group.join('，')}${officeText}。${approval}。`;
};

export const leadership = (facts: Facts): Paragraph[] =>
  facts.groups.map((g) => ({ runs: [{ text: groupSentence(g) }] }));
