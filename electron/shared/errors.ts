// Errors cross the API boundary as plain data: a code the UI can branch on, a Chinese message a person can
// act on, and per-field messages so forms can show each next to its input.

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'DB_CORRUPT',
  'DB_TOO_NEW',
  'MIGRATION_FAILED',
  'UNSUPPORTED',
  'DATA_IN_USE',
  'STORAGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field path (dot-joined, e.g. "parties.0.institutionId") to a Chinese message. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.fields = fields;
  }
  toError(): AppError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>): never => {
  throw new AppFailure(code, message, fields);
};
