import { ApiError } from '../api';

export type FieldErrors = Record<string, string>;

export interface FormFailure {
  fields: FieldErrors;
  message: string;
}

/** A failed save as the form shows it: messages per field path, and one line for the banner. */
export const toFailure = (e: unknown, fallback: string): FormFailure =>
  e instanceof ApiError
    ? { fields: e.fields, message: Object.keys(e.fields).length > 0 ? fallback : e.message }
    : { fields: {}, message: (e as Error).message };

/** Errors under a list row, re-keyed by the row's own field names (e.g. "members.2.phone" -> "phone"). */
export const rowErrors = (fields: FieldErrors, list: string, index: number): FieldErrors => {
  const prefix = `${list}.${index}.`;
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
};

export const text = (v: string | null | undefined): string => v ?? '';

export const formatYuan = (v: number | null): string =>
  v === null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export const formatDate = (ms: number): string => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};
