/** The names every notification template may use besides the item's own parameters. */

export const NOTIFICATION_VARIABLES: readonly string[] = Object.freeze([
  'job_name',
  'job_display_name',
  'job_type',
  'server_name',
  'server_hostname',
  'status',
  'status_emoji',
  'exit_code',
  'duration_seconds',
  'duration_human',
  'output',
  'output_snippet',
  'output_tail',
  'error',
  'error_summary',
  'server_count',
  'success_count',
  'failure_count',
  'triggered_by',
  'schedule_name',
  'run_id',
  'run_url',
  'started_at',
  'finished_at',
  'actor',
]);

/** Template helper names and `this`: a parameter with one of these names could not be read. */
export const TEMPLATE_WORDS: readonly string[] = Object.freeze([
  'if',
  'unless',
  'each',
  'with',
  'lookup',
  'log',
  'this',
]);

/** Why a parameter may not take this name, or undefined when it may. */
export function reservedReason(name: string): string | undefined {
  if (NOTIFICATION_VARIABLES.includes(name)) {
    return `${name} is a notification variable; pick another parameter name`;
  }
  if (TEMPLATE_WORDS.includes(name)) return `${name} is a template word; pick another name`;
  return undefined;
}
