// Closed vocabularies of the domain (DESIGN.md section 2). Stored as the Chinese terms the seeds use, so
// exports read naturally in Chinese offices; English labels live in the renderer's i18n messages.

export const INSTITUTION_KINDS = [
  '高职院校',
  '中职学校',
  '教育局',
  '中小学',
  '幼儿园',
  '企业',
  '政府部门',
] as const;

export const PROGRAM_TYPES = [
  '结对帮扶',
  '对口支援',
  '东西协作',
  '对口合作',
  '援疆',
  '援藏',
  '援甘',
  '援黔',
  '基础教育帮扶',
  '校际合作',
] as const;

export const DELIVERY_MODES = ['一对一', '组团式'] as const;

export const DOCUMENT_FORMS = ['框架协议', '协议', '合作意向书', '任务书'] as const;

export const AGREEMENT_STATUSES = ['筹备中', '执行中', '已完成', '已终止'] as const;

export const PARTY_ROLES = ['支援方', '受援方'] as const;

export const GROUP_KINDS = ['领导小组', '办公室'] as const;

export const MEMBER_ROLES = ['组长', '副组长', '成员', '办公室主任', '办公室成员', '联络员'] as const;

export const TASK_CATEGORIES = [
  '专业建设',
  '师资培训',
  '党建',
  '课程与教材',
  '实训基地',
  '技能大赛',
  '学历提升',
  '志愿服务',
  '捐赠',
  '科研与社会服务',
  '管理与制度',
] as const;

export const TASK_STATUSES = ['未开始', '进行中', '已完成', '延期', '取消'] as const;

export const PLAN_STATUSES = ['草稿', '已提交', '已审核', '已退回'] as const;

export const ACTIVITY_TYPES = [
  '培训',
  '送教讲座',
  '调研对接',
  '会议',
  '挂职',
  '跟岗学习',
  '捐赠',
  '技能竞赛指导',
  '志愿服务',
  '实习支教',
  '招生与学历提升',
  '签约',
  '其他',
] as const;

export const SECONDMENT_DIRECTIONS = ['派出', '接收'] as const;

export const OUTCOME_KINDS = [
  '奖项',
  '立项',
  '新增专业',
  '现代学徒制专业',
  '捐赠',
  '论文',
  '证书',
  '签约',
  '其他',
] as const;

export const OUTCOME_LEVELS = ['国家级', '省级', '自治区级', '市级', '校级'] as const;

export const REPORT_TEMPLATES = ['seed001', 'seed004'] as const;

export const APP_MODES = ['site', 'department'] as const;

export const LOCALES = ['zh-CN', 'en'] as const;

export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export type ProgramType = (typeof PROGRAM_TYPES)[number];
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export type PartyRole = (typeof PARTY_ROLES)[number];
export type GroupKind = (typeof GROUP_KINDS)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type TaskCategory = (typeof TASK_CATEGORIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type SecondmentDirection = (typeof SECONDMENT_DIRECTIONS)[number];
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export type OutcomeLevel = (typeof OUTCOME_LEVELS)[number];
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];
export type AppMode = (typeof APP_MODES)[number];
export type Locale = (typeof LOCALES)[number];
