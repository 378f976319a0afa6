import type { z } from 'zod';

// A row stored before received records were checked (or written by hand) may hold what no form could: a
// type this version does not list, text in a count column. One such row must not take the whole ledger,
// the dashboard or a report down with it, so an answer that fails its output schema is mended where it
// fails: the bad value becomes what the field shows for "none" (null, 其他, an empty list) and the rest
// of the answer stands. The failure is still logged.

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  in?: z.ZodType;
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema a value at `path` is checked against, through optional, nullable and default wrappers. */
const schemaAt = (root: z.ZodType, path: PropertyKey[]): z.ZodType | undefined => {
  let s: z.ZodType | undefined = root;
  for (const key of path) {
    while (s && defOf(s).innerType) s = defOf(s).innerType;
    if (!s) return undefined;
    const d = defOf(s);
    s =
      d.type === 'object'
        ? d.shape?.[String(key)]
        : d.type === 'array'
          ? d.element
          : d.type === 'record'
            ? d.valueType
            : d.type === 'pipe'
              ? d.in
              : undefined;
  }
  return s;
};

const fallback = (s: z.ZodType, was: unknown): unknown => {
  if (s.safeParse(null).success) return null;
  let inner = s;
  while (defOf(inner).innerType) inner = defOf(inner).innerType!;
  const d = defOf(inner);
  switch (d.type) {
    case 'enum': {
      const options = Object.values(d.entries ?? {});
      return options.includes('其他') ? '其他' : options[0];
    }
    case 'number':
      return typeof was === 'string' && Number.isFinite(Number(was)) && was.trim() !== '' ? Number(was) : 0;
    case 'string':
      return was === null || was === undefined ? '' : String(was);
    case 'boolean':
      return Boolean(was);
    case 'array':
      return [];
    default:
      return {};
  }
};

const setAt = (value: unknown, path: PropertyKey[], to: unknown): void => {
  let at = value as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<PropertyKey, unknown>;
  at[path[path.length - 1]!] = to;
};

/** The answer with each failing value replaced, or null when it cannot be mended (a fault of the code). */
export const repairOutput = <S extends z.ZodType>(
  schema: S,
  value: unknown,
  issues: z.core.$ZodIssue[],
): { value: z.output<S> } | null => {
  const copy = structuredClone(value);
  let pending = issues;
  // Mending one value may reveal another beneath it (a replaced object missing its fields); a few rounds.
  for (let round = 0; round < 4; round++) {
    for (const issue of pending) {
      if (issue.path.length === 0 || issue.code === 'unrecognized_keys') return null;
      const target = schemaAt(schema, issue.path);
      if (!target) return null;
      let was: unknown = copy;
      for (const key of issue.path) was = (was as Record<PropertyKey, unknown> | undefined)?.[key];
      setAt(copy, issue.path, fallback(target, was));
    }
    const checked = schema.safeParse(copy);
    if (checked.success) return { value: checked.data };
    pending = checked.error.issues;
  }
  return null;
};
