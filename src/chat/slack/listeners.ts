/** Bolt listeners: acknowledge at once, then hand the interaction to the conversation. */
import type { App } from '@slack/bolt';
import type { Interaction } from '../../conversation/interaction.js';
import type { Responder } from '../../conversation/responder.js';
import { messageOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import { AfterAcks } from '../after-acks.js';
import type { SlackApi } from './client.js';
import { fromBlockAction, fromCommand, fromSubmission, type Parsed } from './interaction.js';
import { MODAL_CALLBACK } from './modal.js';
import { SlackResponder } from './responder.js';

/** The conversation as the adapter uses it. */
export interface ConversationPort {
  handle(interaction: Interaction, responder: Responder): Promise<void>;
}

export interface ListenerDeps {
  conversation: ConversationPort;
  api: SlackApi;
  logger: Logger;
  /** The slash command, such as `/jobs`. */
  command: string;
  /** A submission not answered by then is acknowledged with a "working" view (Slack: 3 s). */
  ackDeadlineMs: number;
  /** Keeps work running after the ack, so stop() can wait for it. */
  track(work: Promise<unknown>): void;
  /** The user groups a user is in (never fails: none when unknown). */
  groupsOf(user: string): Promise<string[]>;
}

type Json = Record<string, unknown>;
type AckPayload = Record<string, unknown>;

const ANSWERS_KEPT = 1000;

function responderFor(deps: ListenerDeps, parsed: Parsed, ack?: (p: AckPayload) => Promise<void>) {
  return new SlackResponder({ api: deps.api, origin: parsed.origin, logger: deps.logger, ack });
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const answers = new Map<string, Promise<AckPayload>>();
  const later = new AfterAcks();
  /** Hands the interaction to the conversation once the acks due have gone out. */
  const act = (parsed: Parsed, responder = responderFor(deps, parsed)) =>
    later.run(async () => {
      const user = parsed.origin.user;
      parsed.interaction.actor.roles = user ? await deps.groupsOf(user) : [];
      return deps.conversation.handle(parsed.interaction, responder);
    });

  app.command(deps.command, async ({ ack, body }) => {
    await ack();
    const parsed = readPayload(deps, 'slash command', body, fromCommand);
    if (parsed) deps.track(act(parsed));
  });

  app.action(/.*/, async ({ ack, body }) => {
    await ack();
    const parsed = readPayload(deps, 'block action', body, fromBlockAction);
    if (parsed) deps.track(act(parsed));
  });

  app.view(MODAL_CALLBACK, async ({ ack, body }) => {
    const parsed = readPayload(deps, 'view submission', body, fromSubmission);
    if (!parsed) return void (await ack());
    const id = parsed.interaction.id;
    const known = answers.get(id);
    if (known) {
      deps.logger.debug({ id }, 'submission delivered again; acknowledged as before');
      return void (await ack((await known) as never));
    }
    const answer = submissionAnswer(deps, parsed, act);
    answers.set(id, answer.payload);
    if (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value ?? '');
    const payload = await answer.payload;
    await ack((Object.keys(payload).length > 0 ? payload : undefined) as never);
    answer.sent();
  });
}

/**
 * A payload as an interaction, or undefined with a warning when it cannot be read: no user,
 * no known action, or fields of the wrong shape. Its content is not logged (it may hold secrets).
 */
function readPayload(
  deps: ListenerDeps,
  kind: string,
  body: unknown,
  parse: (body: Json) => Parsed | undefined,
): Parsed | undefined {
  let parsed: Parsed | undefined;
  try {
    parsed = parse(body as Json);
  } catch (error) {
    deps.logger.warn({ kind, err: messageOf(error) }, 'malformed Slack payload ignored');
    return undefined;
  }
  if (parsed?.origin.user) return parsed;
  deps.logger.warn({ kind }, 'Slack payload without a user or a known action ignored');
  return undefined;
}

/**
 * Starts the conversation on a submission and resolves with its acknowledgement: what the
 * first screen says (errors, the next view, close), or a "working" view at the deadline.
 */
function submissionAnswer(
  deps: ListenerDeps,
  parsed: Parsed,
  act: (parsed: Parsed, responder: SlackResponder) => Promise<void>,
) {
  let resolvePayload: (payload: AckPayload) => void = () => undefined;
  const payload = new Promise<AckPayload>((resolve) => {
    resolvePayload = resolve;
  });
  let sent: () => void = () => undefined;
  const acked = new Promise<void>((resolve) => {
    sent = resolve;
  });
  const responder = responderFor(deps, parsed, async (answer) => {
    resolvePayload(answer);
    await acked;
  });
  const work = act(parsed, responder);
  const timer = setTimeout(
    () => void responder.ackWorking().catch(() => undefined),
    deps.ackDeadlineMs,
  );
  deps.track(work.then(() => responder.ackNothing()).finally(() => clearTimeout(timer)));
  void payload.then(() => clearTimeout(timer));
  return { payload, sent };
}
