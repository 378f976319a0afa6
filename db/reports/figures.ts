import type { Figure, Paragraph, RecordRef, Run } from '../../electron/shared/schemas/reports';
import type { ActivityFact, Facts, TaskFact } from './facts';

// Figures and the words around them. A Book collects every figure a report uses with the records behind
// it, so the screen can show "these 3 activities" beside "培训 3 期" (fetched when a person asks).

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** 210000 → "21 万元", 3500 → "3500 元": how amounts are written in these reports. */
export const yuanText = (yuan: number): string =>
  yuan >= 10_000 ? `${trim(yuan / 10_000, 2)} 万元` : `${trim(yuan, 2)} 元`;

const formatValue = (value: number, unit: string): string => {
  if (unit === '元') return yuanText(value);
  if (unit === '%') return `${trim(value, 1)}%`;
  return `${trim(value, 1)} ${unit}`;
};

/** A record behind a figure and what it contributed to it (a count contributes 1, a sum its own value). */
export interface Source {
  ref: RecordRef;
  part: number;
}

/**
 * The records behind a figure, listed only when asked: a department's report registers tens of thousands of
 * figures over 100,000 activities, and building every list up front was most of the report's time.
 */
export interface Sources {
  /** How many records contributed (a record contributing 0 is not a source). */
  count(): number;
  /** The contributing records, in the order counted. */
  list(): Source[];
}

export class Book {
  /** Figures by id, in the order first registered (the Excel sheet's order). */
  private known = new Map<string, Figure>();
  /** Each figure's sources, kept here rather than in the document: a department's run to 100,000s. */
  private readonly sources = new Map<string, Sources>();
  /** Registrations in order, with the deferred ones (see `later`) in their places. */
  private order: (string | (() => void))[] = [];
  private deferred = 0;
  private laidOut: Record<string, Figure> | null = null;

  /**
   * Registers a figure and returns the run that shows it in a sentence. A record that contributed nothing
   * is not a source of the figure, so it is not listed.
   */
  fig(id: string, label: string, value: number, unit: string, sources: Sources | Source[]): Run {
    const lazy = Array.isArray(sources) ? listed(sources) : sources;
    if (!this.known.has(id)) this.order.push(id);
    this.known.set(id, { id, label, value, unit, sources: lazy.count() });
    this.sources.set(id, lazy);
    this.laidOut = null;
    return { text: formatValue(value, unit), figure: id };
  }

  /**
   * Registers figures no text shows (the activities a task only counts) when the whole book is first
   * asked for, in this place of its order: a department's report has 35,000 of them, and most reports
   * are read without their sheet or a hidden figure's records.
   */
  later(register: () => void): void {
    this.order.push(register);
    this.deferred++;
    this.laidOut = null;
  }

  /** A figure registered so far, without running the deferred ones (a figure a text shows always is). */
  registered(id: string): Figure | undefined {
    return this.known.get(id);
  }

  /** Every figure, in the order registered. */
  get figures(): Record<string, Figure> {
    this.settle();
    this.laidOut ??= Object.fromEntries(this.known);
    return this.laidOut;
  }

  /** The records behind a figure with what each contributed, in the order counted; none for an unknown id. */
  sourcesOf(id: string): Source[] {
    if (!this.sources.has(id)) this.settle();
    return this.sources.get(id)?.list() ?? [];
  }

  /** Runs the deferred registrations in their places, so the order is as if none had waited. */
  private settle(): void {
    if (!this.deferred) return;
    const order = this.order;
    const before = this.known;
    this.order = [];
    this.known = new Map();
    this.deferred = 0;
    for (const step of order)
      if (typeof step === 'function') step();
      else if (!this.known.has(step)) {
        this.order.push(step);
        this.known.set(step, before.get(step)!);
      }
  }
}

/** A book that keeps nothing: asks whether a text would have figures without registering them. */
export class Tally extends Book {
  override fig(id: string): Run {
    return { text: '', figure: id };
  }
}

const listed = (sources: Source[]): Sources => {
  const kept = sources.filter((s) => s.part !== 0);
  return { count: () => kept.length, list: () => kept };
};

/** Each row counted once. */
export const counted = <T>(rows: readonly T[], ref: (r: T) => RecordRef): Sources => ({
  count: () => rows.length,
  list: () => rows.map((r) => ({ ref: ref(r), part: 1 })),
});

/** Each row with its own value. */
export const valued = <T>(
  rows: readonly T[],
  ref: (r: T) => RecordRef,
  pick: (r: T) => number | null,
): Sources => ({
  count: () => {
    let n = 0;
    for (const r of rows) if ((pick(r) ?? 0) !== 0) n++;
    return n;
  },
  list: () => {
    const out: Source[] = [];
    for (const r of rows) {
      const part = pick(r) ?? 0;
      if (part !== 0) out.push({ ref: ref(r), part });
    }
    return out;
  },
});

export const activityRef = (a: ActivityFact): RecordRef => ({
  table: 'activities',
  id: a.id,
  title: a.title,
  date: a.startDate,
});
export const taskRef = (t: TaskFact): RecordRef => ({ table: 'tasks', id: t.id, title: t.name, date: null });

export const TRAINING_TYPES: ReadonlySet<string> = new Set(['培训', '送教讲座']);

export const sum = <T>(rows: readonly T[], pick: (r: T) => number | null | undefined): number =>
  rows.reduce((n, r) => n + (pick(r) ?? 0), 0);

export const detail = (a: ActivityFact, key: string): number | null => {
  const v = a.details[key];
  return typeof v === 'number' ? v : null;
};

/** Days a training ran: as recorded, else its calendar span, else one (the dashboard's SQL says the same). */
export const trainingDays = (a: ActivityFact): number => {
  if (a.days !== null) return a.days;
  if (!a.endDate) return 1;
  const ms = Date.parse(`${a.endDate}T00:00:00Z`) - Date.parse(`${a.startDate}T00:00:00Z`);
  return Math.max(1, Math.round(ms / 86_400_000) + 1);
};

export const people = (a: ActivityFact): number => (a.teachers ?? 0) + (a.students ?? 0) + (a.cadres ?? 0);

export interface TrainingTotals {
  rows: ActivityFact[];
  teachers: number;
  students: number;
  cadres: number;
  days: number;
  instructors: number;
  /**
   * Mean satisfaction weighted by participants, only when every training measured it: a rate from one
   * training is not a rate of a total that includes others.
   */
  satisfaction: number | null;
  /** The trainings that measured satisfaction. */
  rated: ActivityFact[];
  online: ActivityFact[];
  onlinePeople: number;
}

export const trainingTotals = (activities: readonly ActivityFact[]): TrainingTotals => {
  const rows = activities.filter((a) => TRAINING_TYPES.has(a.type));
  const rated = rows.filter((a) => a.satisfactionPct !== null);
  const weight = (a: ActivityFact) => Math.max(1, people(a));
  const online = rows.filter((a) => a.online);
  return {
    rows,
    teachers: sum(rows, (a) => a.teachers),
    students: sum(rows, (a) => a.students),
    cadres: sum(rows, (a) => a.cadres),
    days: sum(rows, trainingDays),
    instructors: sum(rows, (a) => a.instructorCount),
    satisfaction:
      rated.length && rated.length === rows.length
        ? sum(rated, (a) => a.satisfactionPct! * weight(a)) / sum(rated, weight)
        : null,
    rated,
    online,
    onlinePeople: sum(online, people),
  };
};

export const para = (...runs: Run[]): Paragraph => ({ runs });

/** Joins clauses with "，" into one run list. */
export const joinClauses = (clauses: Run[][], sep = '，'): Run[] =>
  clauses.flatMap((c, i) => (i === 0 ? c : [{ text: sep }, ...c]));

/** Groups rows by a key, keeping their order. */
export const groupBy = <T>(rows: readonly T[], key: (r: T) => string | null): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return groups;
};

export const plainText = (runs: Run[]): string => runs.map((r) => r.text).join('');

export interface TaskView {
  task: TaskFact;
  activities: ActivityFact[];
}

/** Each task of the year with the activities recorded against it. */
export const tasksWithActivities = (facts: Facts): TaskView[] => {
  const byTask = groupBy(facts.activities, (a) => a.taskId);
  return facts.tasks.map((task) => ({ task, activities: byTask.get(task.id) ?? [] }));
};
