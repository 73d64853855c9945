/** Renders an item's notification with sample data: `notify preview` and the wizard's step 5. */
import type { ParamValue, ParamValues } from '../catalog/params.js';
import type { CatalogItem, Parameter } from '../catalog/schema.js';
import { json } from '../store/db.js';
import type { Run, RunStatus } from '../store/tables.js';
import { buildContext } from './context.js';
import { type NotificationMessage, renderMessage } from './message.js';
import type { NotificationPolicy } from './policies.js';
import { kindOf } from './status.js';

export type PreviewStatus = Extract<
  RunStatus,
  'success' | 'failure' | 'timeout' | 'cancelled' | 'interrupted'
>;

export interface PreviewOptions {
  policy?: NotificationPolicy | undefined;
  server?: { name: string; hostname: string };
  timezone?: string;
  runUrl?: string;
  channelPriority?: number;
}

const SAMPLE_OUTPUT = {
  success: ['Starting…', 'Step 1 of 2 done', 'Step 2 of 2 done', 'All done.'],
  failure: ['Starting…', 'Step 1 of 2 done', 'Error: step 2 failed: permission denied'],
};

function sampleValue(parameter: Parameter): ParamValue {
  if (parameter.type === 'secret') return '********';
  if (parameter.default !== undefined) {
    const value = parameter.default;
    return Array.isArray(value) ? value.map(String) : value;
  }
  const first = parameter.options?.[0]?.value ?? parameter.name;
  switch (parameter.type) {
    case 'number':
      return parameter.validation?.min ?? 1;
    case 'boolean':
      return false;
    case 'multiselect':
      return [first];
    case 'select':
      return first;
    default:
      return parameter.placeholder ?? `my_${parameter.name}`;
  }
}

/** The values a preview shows: those given, else defaults or samples; secrets always masked. */
export function sampleValues(item: CatalogItem, values: ParamValues = {}): ParamValues {
  const result: ParamValues = {};
  for (const parameter of item.parameters) {
    const given = values[parameter.name];
    if (parameter.type === 'secret') result[parameter.name] = '********';
    else result[parameter.name] = given ?? sampleValue(parameter);
  }
  return result;
}

function sampleRun(item: CatalogItem, status: PreviewStatus, values: ParamValues): Run {
  const failed = status !== 'success';
  const output = `${(failed ? SAMPLE_OUTPUT.failure : SAMPLE_OUTPUT.success).join('\n')}\n`;
  const finished = Date.UTC(2025, 0, 15, 3, 2, 34);
  return {
    id: 42,
    item_name: item.name,
    definition_id: null,
    schedule_id: null,
    server_name: 'web1',
    parameters: json.encode(sampleValues(item, values)),
    actor: 'alice',
    trigger: 'manual',
    status,
    attempts: 1,
    attempt_log: '[]',
    exit_code: status === 'success' ? 0 : status === 'failure' ? 1 : null,
    signal: null,
    error: status === 'failure' ? 'command exited with code 1' : null,
    command: null,
    queued_at: finished - 154_000,
    started_at: finished - 154_000,
    finished_at: status === 'interrupted' ? null : finished,
    duration_ms: status === 'interrupted' ? null : 154_000,
    output_head: output,
    output_tail: output,
    output_bytes: Buffer.byteLength(output),
    log_path: null,
    thread: null,
    parent_run_id: null,
    due_at: null,
    notify_channels: null,
    owner: null,
    cancel_requested_at: null,
    group_id: null,
    workflow_run_id: null,
    step: null,
  };
}

/** What a run of `item` ending in `status` would send, with sample data. */
export function previewNotification(
  item: CatalogItem,
  status: PreviewStatus,
  values?: ParamValues,
  options: PreviewOptions = {},
): NotificationMessage {
  const run = sampleRun(item, status, values ?? {});
  const context = buildContext({
    run,
    item,
    server: options.server ?? { name: 'web1', hostname: 'web1.example.com' },
    scheduleName: null,
    timezone: options.timezone ?? 'UTC',
    runUrl: options.runUrl ?? '',
    outputLines: options.policy?.outputMaxLines,
  });
  return renderMessage({
    kind: kindOf(status) ?? 'failure',
    status,
    item,
    policy: options.policy,
    context,
    channelPriority: options.channelPriority,
  }).message;
}
