import type {
  ActivityType,
  AgreementStatus,
  AppMode,
  DeliveryMode,
  DocumentForm,
  GroupKind,
  InstitutionKind,
  MemberRole,
  OutcomeKind,
  OutcomeLevel,
  PartyRole,
  PlanStatus,
  ProgramType,
  SecondmentDirection,
  TaskCategory,
  TaskStatus,
} from '../../electron/shared/contract';

// Stored values are the Chinese terms; English labels are translations of them. Each map is typed as a
// Record over the shared union, so a term added to the domain without a label fails the type check.

export interface EnumLabels {
  institutionKind: Record<InstitutionKind, string>;
  programType: Record<ProgramType, string>;
  deliveryMode: Record<DeliveryMode, string>;
  documentForm: Record<DocumentForm, string>;
  agreementStatus: Record<AgreementStatus, string>;
  partyRole: Record<PartyRole, string>;
  groupKind: Record<GroupKind, string>;
  memberRole: Record<MemberRole, string>;
  taskCategory: Record<TaskCategory, string>;
  taskStatus: Record<TaskStatus, string>;
  planStatus: Record<PlanStatus, string>;
  activityType: Record<ActivityType, string>;
  secondmentDirection: Record<SecondmentDirection, string>;
  outcomeKind: Record<OutcomeKind, string>;
  outcomeLevel: Record<OutcomeLevel, string>;
  appMode: Record<AppMode, string>;
}

const same = <K extends string>(keys: readonly K[]): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, k])) as unknown as Record<K, string>;

export const enEnums: EnumLabels = {
  institutionKind: {
    高职院校: 'Vocational college',
    中职学校: 'Secondary vocational school',
    教育局: 'Education bureau',
    中小学: 'Primary/secondary school',
    幼儿园: 'Kindergarten',
    企业: 'Enterprise',
    政府部门: 'Government department',
  },
  programType: {
    结对帮扶: 'Paired assistance',
    对口支援: 'Counterpart support',
    东西协作: 'East–west cooperation',
    对口合作: 'Counterpart cooperation',
    援疆: 'Xinjiang aid',
    援藏: 'Tibet aid',
    援甘: 'Gansu aid',
    援黔: 'Guizhou aid',
    基础教育帮扶: 'Basic-education assistance',
    校际合作: 'Inter-school cooperation',
  },
  deliveryMode: { 一对一: 'One-to-one', 组团式: 'Group (several supporters)' },
  documentForm: {
    框架协议: 'Framework agreement',
    协议: 'Agreement',
    合作意向书: 'Letter of intent',
    任务书: 'Task statement',
  },
  agreementStatus: {
    筹备中: 'In preparation',
    执行中: 'In force',
    已完成: 'Completed',
    已终止: 'Terminated',
  },
  partyRole: { 支援方: 'Supporting', 受援方: 'Receiving' },
  groupKind: { 领导小组: 'Leadership group', 办公室: 'Office' },
  memberRole: {
    组长: 'Leader',
    副组长: 'Deputy leader',
    成员: 'Member',
    办公室主任: 'Office director',
    办公室成员: 'Office member',
    联络员: 'Liaison',
  },
  taskCategory: {
    专业建设: 'Programme building',
    师资培训: 'Teacher training',
    党建: 'Party building',
    课程与教材: 'Courses & textbooks',
    实训基地: 'Training bases',
    技能大赛: 'Skills competitions',
    学历提升: 'Degree upgrading',
    志愿服务: 'Volunteer service',
    捐赠: 'Donations',
    科研与社会服务: 'Research & services',
    管理与制度: 'Management & rules',
  },
  taskStatus: {
    未开始: 'Not started',
    进行中: 'In progress',
    已完成: 'Done',
    延期: 'Postponed',
    取消: 'Cancelled',
  },
  planStatus: { 草稿: 'Draft', 已提交: 'Submitted', 已审核: 'Approved', 已退回: 'Returned' },
  activityType: {
    培训: 'Training',
    送教讲座: 'Lecture tour',
    调研对接: 'Survey & liaison visit',
    会议: 'Meeting',
    挂职: 'Secondment',
    跟岗学习: 'Job shadowing',
    捐赠: 'Donation',
    技能竞赛指导: 'Competition coaching',
    志愿服务: 'Volunteer service',
    实习支教: 'Teaching internship',
    招生与学历提升: 'Enrolment & degrees',
    签约: 'Signing',
    其他: 'Other',
  },
  secondmentDirection: { 派出: 'Posted out (ours)', 接收: 'Hosted here (theirs)' },
  outcomeKind: {
    奖项: 'Award',
    立项: 'Funded project',
    新增专业: 'New major',
    现代学徒制专业: 'Modern apprenticeship major',
    捐赠: 'Donation',
    论文: 'Paper',
    证书: 'Certificate',
    签约: 'Signed agreement',
    其他: 'Other',
  },
  outcomeLevel: {
    国家级: 'National',
    省级: 'Provincial',
    自治区级: 'Autonomous region',
    市级: 'Municipal',
    校级: 'School',
  },
  appMode: { site: 'Site (a college)', department: 'Education department' },
};

export const zhEnums: EnumLabels = {
  institutionKind: same(Object.keys(enEnums.institutionKind) as InstitutionKind[]),
  programType: same(Object.keys(enEnums.programType) as ProgramType[]),
  deliveryMode: same(Object.keys(enEnums.deliveryMode) as DeliveryMode[]),
  documentForm: same(Object.keys(enEnums.documentForm) as DocumentForm[]),
  agreementStatus: same(Object.keys(enEnums.agreementStatus) as AgreementStatus[]),
  partyRole: same(Object.keys(enEnums.partyRole) as PartyRole[]),
  groupKind: same(Object.keys(enEnums.groupKind) as GroupKind[]),
  memberRole: same(Object.keys(enEnums.memberRole) as MemberRole[]),
  taskCategory: same(Object.keys(enEnums.taskCategory) as TaskCategory[]),
  taskStatus: same(Object.keys(enEnums.taskStatus) as TaskStatus[]),
  planStatus: same(Object.keys(enEnums.planStatus) as PlanStatus[]),
  activityType: same(Object.keys(enEnums.activityType) as ActivityType[]),
  secondmentDirection: { 派出: '派出（我方人员）', 接收: '接收（对方人员）' },
  outcomeKind: same(Object.keys(enEnums.outcomeKind) as OutcomeKind[]),
  outcomeLevel: same(Object.keys(enEnums.outcomeLevel) as OutcomeLevel[]),
  appMode: { site: '学校 / 站点', department: '教育主管部门' },
};

export type EnumName = keyof EnumLabels;

/** The options of an enum, in the domain's order. */
export const enumValues = <N extends EnumName>(name: N): (keyof EnumLabels[N] & string)[] =>
  Object.keys(enEnums[name]) as (keyof EnumLabels[N] & string)[];
