/** Payloads Bolt cannot route (no user, no actions): acknowledged and dropped with a warning. */
import type { App } from '@slack/bolt';
import { messageOf } from '../../errors.js';
import type { Logger } from '../../log.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** Why Bolt's own matching would throw on this body; undefined when it can be routed. */
export function unroutable(body: unknown): string | undefined {
  if (!isRecord(body)) return 'not an object';
  if (body.command !== undefined) return isText(body.user_id) ? undefined : 'no user';
  if (body.type !== 'block_actions' && body.type !== 'view_submission') return undefined;
  if (!isRecord(body.user) || !isText(body.user.id)) return 'no user';
  if (body.type === 'view_submission')
    return isRecord(body.view) && isText(body.view.callback_id) ? undefined : 'no view';
  const actions = body.actions;
  if (!Array.isArray(actions) || actions.length === 0) return 'no actions';
  return actions.every((a) => isRecord(a) && isText(a.action_id)) ? undefined : 'bad actions';
}

/** First in line: a payload that would make Bolt throw is acknowledged and goes no further. */
export function registerGate(app: App, logger: Logger): void {
  app.use(async (args) => {
    const problem = unroutable(args.body);
    if (!problem) return args.next();
    logger.warn({ problem }, 'malformed Slack payload ignored');
    await (args as { ack?: () => Promise<void> }).ack?.();
  });
}

/**
 * Socket Mode: an error Bolt meets before any middleware (such as a body without `user`) is
 * logged as a warning and the envelope acknowledged, so Slack does not redeliver it.
 */
export function ackOnProcessError(logger: Logger) {
  return async ({ error }: { error: Error }): Promise<boolean> => {
    logger.warn({ err: messageOf(error) }, 'malformed Slack payload ignored');
    return true;
  };
}

interface SocketEvent {
  type: string;
  body: unknown;
  ack: () => Promise<void>;
}

/**
 * Socket Mode: Bolt gives a block_actions payload without `actions` to no listener and never
 * acknowledges it; this does, so Slack neither redelivers it nor shows the user a timeout.
 */
export function ackUntyped(
  client: { on(event: 'slack_event', listener: (event: SocketEvent) => void): unknown },
  logger: Logger,
): void {
  client.on('slack_event', ({ type, body, ack }) => {
    if (type !== 'interactive' || !isRecord(body) || body.type !== 'block_actions') return;
    if (body.actions !== undefined || body.name !== undefined) return;
    logger.warn({ problem: 'no actions' }, 'malformed Slack payload ignored');
    void ack().catch(() => undefined);
  });
}
