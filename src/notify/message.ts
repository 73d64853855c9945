/** Renders one notification: policy, then catalog item, then built-in templates and tags. */
import type { CatalogItem } from '../catalog/schema.js';
import { messageOf } from '../errors.js';
import type { RunStatus } from '../store/tables.js';
import type { NotificationContext } from './context.js';
import type { NotificationPolicy, TemplateField } from './policies.js';
import type { NotifyKind } from './status.js';
import { statusLook } from './status.js';
import { DEFAULT_TEMPLATES, renderTemplate } from './templates.js';
import { lastLines } from './text.js';

export type NotifyAction =
  | { action: 'view'; label: string; url: string }
  /** ntfy sends the request itself when pressed: the single-use Run again link. */
  | { action: 'http'; label: string; url: string; method: 'POST' };

/** What is stored in the outbox and sent: rendered once, sent exactly as recorded. */
export interface NotificationMessage {
  title: string;
  body: string;
  tags: string[];
  priority: number;
  /** Opened when the notification is tapped; empty when the run has no page. */
  click: string;
  actions: NotifyAction[];
  markdown: boolean;
}

export interface MessageInput {
  kind: NotifyKind;
  status: RunStatus;
  item: Pick<CatalogItem, `${TemplateField}_template` | 'ntfy_success_tags' | 'ntfy_failure_tags'>;
  policy?: NotificationPolicy | undefined;
  context: NotificationContext;
  /** The channel's configured priority (1-5); failures go out at 4 or above by default. */
  channelPriority?: number | undefined;
  /** A signed link that starts the run again, offered as an action when given. */
  runAgainUrl?: string | undefined;
}

export interface RenderedMessage {
  message: NotificationMessage;
  /** Templates that failed to render and were replaced by the built-in one. */
  problems: string[];
}

const MARKDOWN = /```|\*\*[^*\n]+\*\*|^#{1,6} \S|\[[^\]\n]+\]\([^)\s]+\)|`[^`\n]+`/m;

export function usesMarkdown(text: string): boolean {
  return MARKDOWN.test(text);
}

function pickTemplate(field: TemplateField, input: MessageInput): string[] {
  const fromPolicy = input.policy?.templates[field];
  const fromItem = input.item[`${field}_template`];
  return [fromPolicy, fromItem, DEFAULT_TEMPLATES[field]].filter(
    (t): t is string => typeof t === 'string',
  );
}

function renderField(field: TemplateField, input: MessageInput, problems: string[]): string {
  const candidates = pickTemplate(field, input);
  for (const [index, template] of candidates.entries()) {
    try {
      return renderTemplate(template, input.context).trim();
    } catch (error) {
      if (index === candidates.length - 1) throw error;
      problems.push(`${field} template failed (${messageOf(error)}); used the next one`);
    }
  }
  return '';
}

function pickTags(input: MessageInput): string[] {
  const fromItem =
    input.kind === 'success' ? input.item.ntfy_success_tags : input.item.ntfy_failure_tags;
  return input.policy?.tags[input.kind] ?? fromItem ?? [statusLook(input.status).shortcode];
}

function pickPriority(input: MessageInput): number {
  const configured = input.channelPriority ?? 3;
  const fallback = input.kind === 'failure' ? Math.max(configured, 4) : configured;
  return input.policy?.priority[input.kind] ?? fallback;
}

function withOutput(body: string, input: MessageInput): string {
  const policy = input.policy;
  const output = String(input.context.output ?? '');
  if (!policy?.includeOutput || output === '') return body;
  return `${body}\n\n\`\`\`\n${lastLines(output, policy.outputMaxLines)}\n\`\`\``;
}

/** The message for one finished run, whatever the channel. */
export function renderMessage(input: MessageInput): RenderedMessage {
  const problems: string[] = [];
  const prefix = input.kind === 'success' ? 'success' : 'failure';
  const title = renderField(`${prefix}_title`, input, problems);
  const body = withOutput(renderField(`${prefix}_body`, input, problems), input);
  const url = String(input.context.run_url ?? '');
  const actions: NotifyAction[] = url ? [{ action: 'view', label: 'Open run', url }] : [];
  if (input.runAgainUrl) {
    actions.push({ action: 'http', label: 'Run again', url: input.runAgainUrl, method: 'POST' });
  }
  const message: NotificationMessage = {
    title,
    body,
    tags: [...pickTags(input)],
    priority: pickPriority(input),
    click: url,
    actions,
    markdown: usesMarkdown(body),
  };
  return { message, problems };
}
