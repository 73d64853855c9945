/** How a run looks in chat: running with a live tail and Cancel, then the result with buttons. */
import { readFile } from 'node:fs/promises';
import type { CatalogItem } from '../catalog/schema.js';
import type { Run } from '../store/tables.js';
import { humanDuration, itemLabel, STATUS_EMOJI, STATUS_WORD } from './format.js';
import { LIMITS } from './limits.js';
import { type Button, type Screen, type Section, screen } from './screen.js';

/** Full output attached as a file at most this large; the rest is cut with a marker. */
export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;

function runFields(run: Run): Screen['fields'] {
  return [
    { label: 'Server', value: run.server_name },
    { label: 'Started by', value: run.actor },
    { label: 'Trigger', value: run.trigger },
    { label: 'Run', value: `#${run.id}` },
  ];
}

export function cancelButton(runId: number): Button {
  return {
    label: 'Cancel',
    action: 'run.cancel',
    value: String(runId),
    style: 'danger',
    confirm: {
      title: 'Cancel this run?',
      text: `Stop run #${runId} now?`,
      confirm: 'Stop it',
      deny: 'Keep running',
    },
  };
}

export function resultButtons(run: Run): Button[] {
  const id = String(run.id);
  return [
    { label: 'Run again', action: 'run.again', value: id, style: 'primary' },
    { label: 'Run with changes', action: 'run.edit', value: id },
    { label: 'Schedule this', action: 'run.schedule', value: id },
  ];
}

export function runningScreen(run: Run, item: CatalogItem, tail: string): Screen {
  const waiting = run.status === 'queued';
  return screen(`${itemLabel(item)} on ${run.server_name}`, {
    emoji: STATUS_EMOJI[run.status],
    tone: 'running',
    fields: [
      { label: 'Status', value: waiting ? 'queued, waiting for a free slot' : 'running' },
      ...runFields(run),
    ],
    sections: tail
      ? [{ text: tail, code: true }]
      : [{ text: waiting ? 'Waiting to start…' : 'Started; no output yet.' }],
    buttons: [cancelButton(run.id)],
    visibility: 'channel',
    placement: 'thread',
  });
}

function outcome(run: Run): string {
  const code = run.exit_code !== null && run.status !== 'success' ? ` (exit ${run.exit_code})` : '';
  return `${STATUS_WORD[run.status]}${code}`;
}

/** The final result. `fullOutput` is attached when the tail shown is not all of it. */
export function resultScreen(run: Run, item: CatalogItem, fullOutput?: string): Screen {
  const tail = run.output_tail || run.output_head;
  const sections: Section[] = tail ? [{ text: tail, code: true }] : [{ text: '(no output)' }];
  if (run.error) sections.unshift({ text: run.error });
  const shownAll = run.output_bytes <= LIMITS.outputInMessage && !fullOutput;
  const buttons = resultButtons(run);
  if (!shownAll && !fullOutput) {
    buttons.push({ label: 'Show full output', action: 'run.output', value: String(run.id) });
  }
  return screen(`${itemLabel(item)} on ${run.server_name} ${outcome(run)}`, {
    emoji: STATUS_EMOJI[run.status],
    tone: run.status === 'success' ? 'success' : 'failure',
    fields: [
      { label: 'Status', value: run.status },
      { label: 'Exit code', value: run.exit_code === null ? '-' : String(run.exit_code) },
      { label: 'Duration', value: humanDuration(run.duration_ms) },
      ...runFields(run),
    ],
    sections,
    buttons,
    attachment: fullOutput ? { filename: `run-${run.id}.log`, content: fullOutput } : undefined,
    visibility: 'channel',
    placement: 'thread',
  });
}

/** The run's full log, cut to ATTACHMENT_MAX_BYTES; undefined when it has no log. */
export async function readFullOutput(run: Run): Promise<string | undefined> {
  if (!run.log_path) return undefined;
  try {
    const buffer = await readFile(run.log_path);
    if (buffer.length <= ATTACHMENT_MAX_BYTES) return buffer.toString('utf8');
    const cut = buffer.subarray(buffer.length - ATTACHMENT_MAX_BYTES).toString('utf8');
    return `[… first ${buffer.length - ATTACHMENT_MAX_BYTES} bytes not included]\n${cut}`;
  } catch {
    return undefined;
  }
}
