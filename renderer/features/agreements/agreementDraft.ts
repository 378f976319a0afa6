import type {
  AgreementDetail,
  AgreementStatus,
  DeliveryMode,
  DocumentForm,
  Input,
  PartyRole,
  ProgramType,
} from '../../../electron/shared/contract';

// The form keeps what the person typed, as text; the API validates and normalises it (one source of truth
// for every rule and message).

export interface PartyDraft {
  key: string;
  id?: string;
  institutionId: string;
  role: PartyRole;
  major: string;
}

export interface PhaseDraft {
  key: string;
  id?: string;
  name: string;
  startDate: string;
  endDate: string;
  notes: string;
}

export interface AgreementDraft {
  title: string;
  programType: ProgramType | '';
  deliveryMode: DeliveryMode;
  documentForm: DocumentForm;
  policyBasis: string;
  documentNumber: string;
  signedDate: string;
  periodStart: string;
  periodEnd: string;
  status: AgreementStatus;
  goals: string;
  clauses: string;
  budgetYuan: string;
  hostOffice: string;
  notes: string;
  parties: PartyDraft[];
  phases: PhaseDraft[];
}

let keys = 0;
export const rowKey = (): string => `row-${++keys}`;

export const emptyDraft = (ownInstitutionId: string | null): AgreementDraft => ({
  title: '',
  programType: '',
  deliveryMode: '一对一',
  documentForm: '协议',
  policyBasis: '',
  documentNumber: '',
  signedDate: '',
  periodStart: '',
  periodEnd: '',
  status: '执行中',
  goals: '',
  clauses: '',
  budgetYuan: '',
  hostOffice: '',
  notes: '',
  parties: [
    { key: rowKey(), institutionId: ownInstitutionId ?? '', role: '支援方', major: '' },
    { key: rowKey(), institutionId: '', role: '受援方', major: '' },
  ],
  phases: [],
});

export const draftFrom = (a: AgreementDetail): AgreementDraft => ({
  title: a.title,
  programType: a.programType,
  deliveryMode: a.deliveryMode,
  documentForm: a.documentForm,
  policyBasis: a.policyBasis ?? '',
  documentNumber: a.documentNumber ?? '',
  signedDate: a.signedDate ?? '',
  periodStart: a.periodStart,
  periodEnd: a.periodEnd,
  status: a.status,
  goals: a.goals ?? '',
  clauses: a.clauses ?? '',
  budgetYuan: a.budgetYuan === null ? '' : String(a.budgetYuan),
  hostOffice: a.hostOffice ?? '',
  notes: a.notes ?? '',
  parties: a.parties.map((p) => ({
    key: rowKey(),
    id: p.id,
    institutionId: p.institutionId,
    role: p.role,
    major: p.major ?? '',
  })),
  phases: a.phases.map((p) => ({
    key: rowKey(),
    id: p.id,
    name: p.name,
    startDate: p.startDate,
    endDate: p.endDate,
    notes: p.notes ?? '',
  })),
});

export const toInput = (d: AgreementDraft): Input<'agreements.create'> => ({
  title: d.title,
  programType: d.programType as ProgramType,
  deliveryMode: d.deliveryMode,
  documentForm: d.documentForm,
  policyBasis: d.policyBasis,
  documentNumber: d.documentNumber,
  signedDate: d.signedDate,
  periodStart: d.periodStart,
  periodEnd: d.periodEnd,
  status: d.status,
  goals: d.goals,
  clauses: d.clauses,
  budgetYuan: d.budgetYuan,
  hostOffice: d.hostOffice,
  notes: d.notes,
  parties: d.parties.map((p) => ({
    ...(p.id ? { id: p.id } : {}),
    institutionId: p.institutionId,
    role: p.role,
    major: p.major,
  })),
  phases: d.phases.map((p) => ({
    ...(p.id ? { id: p.id } : {}),
    name: p.name,
    startDate: p.startDate,
    endDate: p.endDate,
    notes: p.notes,
  })),
});
