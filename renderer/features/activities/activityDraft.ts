import type { Activity, ActivityType, Input } from '../../../electron/shared/contract';
import type { NumberKind } from '../../../electron/shared/numberInput';

/** Plain columns every activity has; which of them a type's form shows is decided below. */
export const NUMBER_FIELDS = [
  'teachers',
  'students',
  'cadres',
  'beneficiarySchools',
  'instructorCount',
  'lectures',
  'hours',
  'days',
  'satisfactionPct',
  'certificates',
  'amountYuan',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

const TRAINING: NumberField[] = [
  'teachers',
  'students',
  'cadres',
  'beneficiarySchools',
  'instructorCount',
  'lectures',
  'hours',
  'days',
  'satisfactionPct',
  'certificates',
];

/** The figures each type is reported by in the seeds' summaries (培训 by people and 学时, 捐赠 by 元…). */
export const NUMBERS_BY_TYPE: Record<ActivityType, NumberField[]> = {
  培训: TRAINING,
  送教讲座: TRAINING,
  调研对接: ['beneficiarySchools', 'days'],
  会议: ['cadres', 'teachers'],
  挂职: ['days'],
  跟岗学习: ['teachers', 'cadres', 'days'],
  捐赠: ['amountYuan', 'beneficiarySchools'],
  技能竞赛指导: ['students', 'teachers', 'days'],
  志愿服务: ['students', 'teachers', 'days'],
  实习支教: ['students', 'days'],
  招生与学历提升: ['students'],
  签约: [],
  其他: ['teachers', 'students', 'cadres', 'days', 'amountYuan'],
};

/** Type-specific detail keys (schemas/activities.ts ACTIVITY_DETAILS), in form order. */
export const DETAILS_BY_TYPE: Partial<Record<ActivityType, string[]>> = {
  捐赠: ['items'],
  技能竞赛指导: ['competition', 'level', 'awards'],
  调研对接: ['attendees', 'decisions'],
  会议: ['attendees', 'decisions'],
  招生与学历提升: ['applicants', 'admitted', 'feeReductionPct'],
  志愿服务: ['volunteers', 'served'],
  实习支教: ['schools'],
  挂职: ['person', 'hostPost'],
  跟岗学习: ['person', 'hostPost'],
};

export const TEXT_DETAILS = new Set(['items', 'awards', 'attendees', 'decisions']);
export const NUMBER_DETAILS = new Set([
  'applicants',
  'admitted',
  'feeReductionPct',
  'volunteers',
  'served',
  'schools',
]);

/** How each number field reads what is typed: 95% or 0.95 for a rate, 2.5万 for an amount. */
export const numberKind = (key: string): NumberKind =>
  key === 'satisfactionPct' || key === 'feeReductionPct'
    ? 'percent'
    : key === 'amountYuan'
      ? 'yuan'
      : key === 'hours' || key === 'days'
        ? 'decimal'
        : 'count';

export interface ActivityDraft {
  agreementId: string;
  taskId: string;
  planItemId: string;
  type: ActivityType | '';
  title: string;
  startDate: string;
  endDate: string;
  place: string;
  online: boolean;
  platform: string;
  organiser: string;
  department: string;
  instructors: string;
  outcome: string;
  notes: string;
  numbers: Record<NumberField, string>;
  details: Record<string, string>;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export const emptyDraft = (agreementId: string): ActivityDraft => ({
  agreementId,
  taskId: '',
  planItemId: '',
  type: '',
  title: '',
  startDate: '',
  endDate: '',
  place: '',
  online: false,
  platform: '',
  organiser: '',
  department: '',
  instructors: '',
  outcome: '',
  notes: '',
  numbers: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, ''])) as Record<NumberField, string>,
  details: {},
});

export const draftOf = (a: Activity): ActivityDraft => ({
  agreementId: a.agreementId,
  taskId: str(a.taskId),
  planItemId: str(a.planItemId),
  type: a.type,
  title: a.title,
  startDate: a.startDate,
  endDate: str(a.endDate),
  place: str(a.place),
  online: a.online,
  platform: str(a.platform),
  organiser: str(a.organiser),
  department: str(a.department),
  instructors: str(a.instructors),
  outcome: str(a.outcome),
  notes: str(a.notes),
  numbers: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, str(a[f])])) as Record<NumberField, string>,
  details: Object.fromEntries(Object.entries(a.details).map(([k, v]) => [k, str(v)])),
});

/** Figures the form shows: the type's own, plus any other that already holds a value (never hidden). */
export const visibleNumbers = (d: ActivityDraft): NumberField[] =>
  NUMBER_FIELDS.filter(
    (f) => (d.type !== '' && NUMBERS_BY_TYPE[d.type].includes(f)) || d.numbers[f].trim() !== '',
  );

const orNull = (s: string) => (s.trim() === '' ? null : s);

/** The draft as the API takes it; numbers stay typed text so the server's messages name the bad ones. */
export const toInput = (d: ActivityDraft): Input<'activities.create'> => {
  const keys = d.type === '' ? [] : (DETAILS_BY_TYPE[d.type] ?? []);
  const details = Object.fromEntries(
    keys.filter((k) => (d.details[k] ?? '').trim() !== '').map((k) => [k, d.details[k]]),
  );
  return {
    agreementId: d.agreementId,
    taskId: orNull(d.taskId),
    planItemId: orNull(d.planItemId),
    type: d.type as ActivityType,
    title: d.title,
    startDate: d.startDate,
    endDate: d.endDate,
    place: d.place,
    online: d.online,
    platform: d.online ? d.platform : '',
    organiser: d.organiser,
    department: d.department,
    instructors: d.instructors,
    outcome: d.outcome,
    notes: d.notes,
    ...(Object.fromEntries(NUMBER_FIELDS.map((f) => [f, orNull(d.numbers[f])])) as Record<
      NumberField,
      string | null
    >),
    details,
  };
};
