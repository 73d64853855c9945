/** jobdeck's one error class: a stable code, a message that says what to do, and the cause. */

export type ErrorCode =
  | 'config_invalid'
  | 'config_not_found'
  | 'catalog_invalid'
  | 'item_unknown'
  | 'server_unknown'
  | 'parameters_invalid'
  | 'value_refused'
  | 'template_invalid'
  | 'incompatible'
  | 'ssh_unreachable'
  | 'ssh_auth_failed'
  | 'host_key_unknown'
  | 'host_key_changed'
  | 'run_unknown'
  | 'schedule_invalid'
  | 'schedule_unknown'
  | 'forbidden'
  | 'rate_limited'
  | 'notify_failed'
  | 'input_invalid'
  | 'exec_failed'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'signature_invalid'
  | 'link_invalid';

export class JobdeckError extends Error {
  override readonly name = 'JobdeckError';
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: string[] }) {
    super(message, { cause: options?.cause });
    this.code = code;
    this.details = options?.details ?? [];
  }
}

export function isJobdeckError(error: unknown, code?: ErrorCode): error is JobdeckError {
  return error instanceof JobdeckError && (code === undefined || error.code === code);
}

/** The message of anything thrown, for logs and answers. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
