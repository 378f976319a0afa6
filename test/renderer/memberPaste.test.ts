import { describe, expect, it } from 'vitest';
import { kindOfRole, parseMemberList } from '../../renderer/features/agreements/memberPaste';

const brief = (text: string) => parseMemberList(text).map((m) => `${m.groupKind}/${m.role}/${m.name}`);

describe('pasting a member list into the leadership-group editor', () => {
  it('reads a one-line list with roles', () => {
    expect(brief('组长：沈江 刘斌；副组长：马岩 樊顺厚 李树岭；成员：王昆、张妍')).toEqual([
      '领导小组/组长/沈江',
      '领导小组/组长/刘斌',
      '领导小组/副组长/马岩',
      '领导小组/副组长/樊顺厚',
      '领导小组/副组长/李树岭',
      '领导小组/成员/王昆',
      '领导小组/成员/张妍',
    ]);
  });

  it('reads seed 002’s notice as printed: padded names, continuation lines, the office, and stops at prose', () => {
    const notice = [
      '援和项目领导小组成员如下：',
      '组  长：沈  江  刘  斌',
      '副组长：马  岩  樊顺厚  李树岭',
      '成  员：王  昆  张  妍  杨国良  邹吉权  张  雷  ',
      '',
      '司  炜  康晓明',
      '',
      '二、援和项目办公室设在合作教育办公室，负责制定工作方案，建立两地联系平台。办公室成员如下：',
      '办公室主任：王  昆',
      '办公室成员：蔡丽娜  周晶晶  张玖泽  朱 朋  马秀玮',
    ].join('\n');
    const rows = brief(notice);
    expect(rows.slice(0, 5)).toEqual([
      '领导小组/组长/沈江',
      '领导小组/组长/刘斌',
      '领导小组/副组长/马岩',
      '领导小组/副组长/樊顺厚',
      '领导小组/副组长/李树岭',
    ]);
    expect(rows.filter((r) => r.startsWith('领导小组/成员/')).map((r) => r.split('/')[2])).toEqual([
      '王昆',
      '张妍',
      '杨国良',
      '邹吉权',
      '张雷',
      '司炜',
      '康晓明',
    ]);
    expect(rows.slice(-6)).toEqual([
      '办公室/办公室主任/王昆',
      '办公室/办公室成员/蔡丽娜',
      '办公室/办公室成员/周晶晶',
      '办公室/办公室成员/张玖泽',
      '办公室/办公室成员/朱朋',
      '办公室/办公室成员/马秀玮',
    ]);
    expect(rows).toHaveLength(18);
  });

  it('keeps a post written in brackets', () => {
    expect(parseMemberList('组长：罗恢远（院长）')[0]).toMatchObject({
      name: '罗恢远',
      post: '院长',
      role: '组长',
    });
  });

  it('reads a block copied from a Word or Excel table by its header', () => {
    const table = [
      '序号\t姓名\t单位\t职务\t小组职务\t联系电话',
      '1\t沈江\t天津职业大学\t校长\t组长\t022-6058 5000',
      '2\t王昆\t天津职业大学\t处长\t办公室主任\t',
    ].join('\n');
    expect(parseMemberList(table)).toEqual([
      {
        groupKind: '领导小组',
        role: '组长',
        name: '沈江',
        post: '校长',
        phone: '022-60585000',
        institution: '天津职业大学',
      },
      {
        groupKind: '办公室',
        role: '办公室主任',
        name: '王昆',
        post: '处长',
        phone: '',
        institution: '天津职业大学',
      },
    ]);
  });

  it('reads a table without a header by what its cells hold, a 职务 column of roles as the role', () => {
    const rows = parseMemberList('马岩\t副组长\t副校长\t13800000000\n蔡丽娜\t办公室成员\t科员\t');
    expect(rows.map((m) => [m.name, m.role, m.groupKind, m.post, m.phone])).toEqual([
      ['马岩', '副组长', '领导小组', '副校长', '13800000000'],
      ['蔡丽娜', '办公室成员', '办公室', '科员', ''],
    ]);
  });

  it('makes unlabelled names members, and finds nothing in an empty paste', () => {
    expect(brief('沈江 刘斌')).toEqual(['领导小组/成员/沈江', '领导小组/成员/刘斌']);
    expect(parseMemberList('  \n ')).toEqual([]);
  });

  it('puts the office’s roles in the 办公室', () => {
    expect(kindOfRole('办公室主任')).toBe('办公室');
    expect(kindOfRole('办公室成员')).toBe('办公室');
    expect(kindOfRole('副组长')).toBe('领导小组');
  });
});
