import type { GroupKind, MemberRole } from '../../../electron/shared/contract';

// Member lists as offices have them: a notice's lines ("组  长：沈  江  刘  斌；副组长：马  岩  樊顺厚  李树岭")
// or rows copied from a Word or Excel table (cells separated by tabs). Both become rows to review.

export interface PastedMember {
  groupKind: GroupKind;
  role: MemberRole;
  name: string;
  post: string;
  phone: string;
  /** The unit as written, for the person to pick the institution by. */
  institution: string;
}

const ROLES: readonly MemberRole[] = ['副组长', '组长', '办公室主任', '办公室成员', '联络员', '成员'];

/** The office's roles put a member in the 办公室; every other role is the 领导小组's. */
export const kindOfRole = (role: MemberRole): GroupKind =>
  role === '办公室主任' || role === '办公室成员' ? '办公室' : '领导小组';

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** A role as written in a notice or a cell: "组  长", "副组长", "主任" (of the office), "组员". */
const roleOf = (raw: string): MemberRole | null => {
  const s = squeeze(raw).replace(/[：:]$/, '');
  if ((ROLES as readonly string[]).includes(s)) return s as MemberRole;
  if (s === '主任' || s === '办公室负责人') return '办公室主任';
  if (s === '组员' || s === '小组成员' || s === '领导小组成员') return '成员';
  if (s === '联系人') return '联络员';
  return null;
};

const PHONE = /^[0-9+\-() ]{7,30}$/;

/**
 * Names in a notice are padded to line up: "沈  江  刘  斌" is 沈江 and 刘斌. Single characters are joined in
 * pairs, since a Chinese name has at least two; "罗恢远（院长）" carries its post.
 */
const namesOf = (text: string): { name: string; post: string }[] => {
  const tokens = text
    .split(/[\s\u3000、，,；;。]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: { name: string; post: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i]!;
    const next = tokens[i + 1];
    if ([...token].length === 1 && next !== undefined && [...next].length === 1) {
      token += next;
      i++;
    }
    const withPost = /^(.+?)[（(](.+)[）)]$/.exec(token);
    out.push(withPost ? { name: withPost[1]!, post: withPost[2]! } : { name: token, post: '' });
  }
  return out;
};

const member = (role: MemberRole, name: string, post = '', phone = '', institution = ''): PastedMember => ({
  groupKind: kindOfRole(role),
  role,
  name,
  post,
  phone,
  institution,
});

/** Longer than this, an unlabelled token is prose, not a name (阿卜杜热依木 has six characters). */
const LONGEST_NAME = 8;

/** "组长：沈江 刘斌；副组长：…": each label's names; an unlabelled line continues the label before it. */
const fromNotice = (text: string): PastedMember[] => {
  const out: PastedMember[] = [];
  let role: MemberRole | null = null;
  for (const segment of text.split(/[；;\n]+/)) {
    const labelled = /^\s*([^：:]{1,12})[：:](.*)$/.exec(segment);
    const named = labelled ? roleOf(labelled[1]!) : null;
    if (named) role = named;
    const body = named ? labelled![2]! : segment;
    const names = namesOf(body);
    // An unlabelled line of prose (the notice's next paragraph) ends the list it follows.
    if (!named && names.some((n) => [...n.name].length > LONGEST_NAME)) role = null;
    if (!role) continue;
    for (const n of names) out.push(member(role, n.name, n.post));
  }
  return out;
};

type Column = 'name' | 'role' | 'post' | 'phone' | 'institution' | 'skip';

const headerColumn = (cell: string): Column | null => {
  const s = squeeze(cell);
  if (/姓名|名字/.test(s)) return 'name';
  if (/组内|小组职务|角色|分工|担任/.test(s)) return 'role';
  if (/电话|手机|联系方式/.test(s)) return 'phone';
  if (/单位|部门|学校|院校/.test(s)) return 'institution';
  if (/职务|岗位|职称/.test(s)) return 'post';
  if (/序号|编号/.test(s)) return 'skip';
  return null;
};

/** Rows copied from a table: a header row names the columns; without one, cells are read by what they hold. */
const fromTable = (rows: string[][], fallback: MemberRole): PastedMember[] => {
  const header = rows[0]!.map(headerColumn);
  const hasHeader = header.some((c) => c === 'name');
  const body = hasHeader ? rows.slice(1) : rows;
  const out: PastedMember[] = [];
  for (const cells of body) {
    const values: Record<Column, string> = {
      name: '',
      role: '',
      post: '',
      phone: '',
      institution: '',
      skip: '',
    };
    cells.forEach((raw, i) => {
      const cell = raw.trim();
      if (!cell) return;
      let col: Column | null = hasHeader ? (header[i] ?? null) : null;
      // A 职务 column that holds 组长 / 副组长 … is the role, whatever its header says.
      if ((col === 'post' || col === null) && roleOf(cell)) col = 'role';
      if (col === null) {
        if (/^\d{1,3}$/.test(cell)) col = 'skip';
        else if (PHONE.test(cell)) col = 'phone';
        else col = values.name ? (values.post ? 'institution' : 'post') : 'name';
      }
      if (!values[col]) values[col] = cell;
    });
    if (!values.name) continue;
    const role = roleOf(values.role) ?? fallback;
    out.push(member(role, squeeze(values.name), values.post, squeeze(values.phone), values.institution));
  }
  return out;
};

/** The members in a pasted block, in the order written; empty when nothing in it reads as a name. */
export const parseMemberList = (text: string): PastedMember[] => {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (!lines.length) return [];
  if (lines.some((l) => l.includes('\t')))
    return fromTable(
      lines.map((l) => l.split('\t')),
      '成员',
    );
  const notice = fromNotice(text);
  // Names with no label at all ("沈江 刘斌") are members to be given their roles in review.
  return notice.length ? notice : namesOf(text).map((n) => member('成员', n.name, n.post));
};
