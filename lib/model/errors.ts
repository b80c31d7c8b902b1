/** What kind of failure an error is; the UI picks its wording and recovery from this. */
/** `storage`: the browser has no room left for the extension's data (nothing was written). */
export type ErrorCode = 'invalid' | 'not-found' | 'conflict' | 'in-use' | 'forbidden' | 'storage' | 'internal';

/** The shape an error has when it travels between contexts. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

/**
 * An error a person can read. `field` names the input at fault so forms can show the message
 * next to it; `details` carries numbers the UI may use (e.g. how many connections use a role).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, field?: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
    this.details = details;
  }

  /** Plain-object form for structured cloning across `runtime` messages. */
  toJSON(): SerializedError {
    const out: SerializedError = { code: this.code, message: this.message };
    if (this.field) out.field = this.field;
    if (this.details) out.details = this.details;
    return out;
  }

  /** Rebuilds an error received from another context. */
  static from(e: SerializedError): AppError {
    return new AppError(e.code, e.message, e.field, e.details);
  }
}

/** Shorthand for a validation failure on one field. */
export function invalid(field: string, message: string): AppError {
  return new AppError('invalid', message, field);
}

/** Shorthand for a missing role, connection or record. */
export function notFound(what: string, id: string, field?: string): AppError {
  return new AppError('not-found', `${what} '${id}' does not exist (it may have been deleted).`, field);
}
