// Plain constants of the spreadsheet import, shared by the schemas and the renderer (which bundles no zod).

/** Activity fields a spreadsheet column can fill, in the order the mapping lists them. */
export const IMPORT_FIELDS = [
  'title',
  'type',
  'startDate',
  'endDate',
  'place',
  'online',
  'platform',
  'department',
  'organiser',
  'beneficiarySchools',
  'teachers',
  'students',
  'cadres',
  'instructors',
  'instructorCount',
  'lectures',
  'hours',
  'days',
  'satisfactionPct',
  'certificates',
  'amountYuan',
  'outcome',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Rows the preview lists at a time (those needing a look first); the person pages through the rest. */
export const PREVIEW_ROWS = 1000;

/** The kinds of file the picker offers: read (.xlsx, .xlsm, .csv) or answered with the way out (.xls, .et). */
export const IMPORT_FILE_TYPES = ['.xlsx', '.xlsm', '.xls', '.et', '.csv'] as const;

/** Task fields the province's 汇总表 fills (计划时间 gives plan items, 完成情况 the status). */
export const TASK_IMPORT_FIELDS = [
  'name',
  'category',
  'description',
  'department',
  'responsiblePerson',
  'liaison',
  'contact',
  'plannedTime',
  'status',
  'targetText',
  'evidence',
  'notes',
] as const;
export type TaskImportField = (typeof TASK_IMPORT_FIELDS)[number];

/** Any column's field, in either layout. */
export const ANY_IMPORT_FIELDS = [...new Set([...IMPORT_FIELDS, ...TASK_IMPORT_FIELDS])] as [
  ImportField | TaskImportField,
  ...(ImportField | TaskImportField)[],
];
export type AnyImportField = ImportField | TaskImportField;
