/** HTTP mode: Slack's requests to the app's endpoint, signed, with the app's answer applied. */
import { eventPayload, type SlashCommandInput, slashCommandPayload } from './payloads.js';
import { applyAck } from './routes.js';
import {
  formBody,
  type HttpAnswer,
  interactionBody,
  postSigned,
  type SignOptions,
} from './signed.js';
import type { Envelope, Json } from './types.js';
import type { Workspace } from './workspace.js';

const FORM = 'application/x-www-form-urlencoded';

/** An answer with a message or response_action does what the same ack does over a socket. */
function applyAnswer(ws: Workspace, type: Envelope['type'], payload: Json, answer: HttpAnswer) {
  if (answer.status !== 200) return;
  const json = String(answer.headers['content-type'] ?? '').includes('json');
  let ack: Json = {};
  if (answer.text) ack = json ? (JSON.parse(answer.text) as Json) : { text: answer.text };
  applyAck(ws, type, payload, ack);
}

/** A slash command built from `input`, or a full payload when it carries a trigger_id. */
export async function signedSlashCommand(
  ws: Workspace,
  appUrl: string,
  input: SlashCommandInput | Json,
  sign: SignOptions,
): Promise<HttpAnswer> {
  const payload = 'trigger_id' in input ? (input as Json) : slashCommandPayload(ws, input);
  const answer = await postSigned(appUrl, formBody(payload), FORM, sign);
  applyAnswer(ws, 'slash_commands', payload, answer);
  return answer;
}

export async function signedInteraction(
  ws: Workspace,
  appUrl: string,
  payload: Json,
  sign: SignOptions,
): Promise<HttpAnswer> {
  const answer = await postSigned(appUrl, interactionBody(payload), FORM, sign);
  applyAnswer(ws, 'interactive', payload, answer);
  return answer;
}

export function signedEvent(
  ws: Workspace,
  appUrl: string,
  event: Json,
  sign: SignOptions,
): Promise<HttpAnswer> {
  const body = JSON.stringify(eventPayload(ws, event));
  return postSigned(appUrl, body, 'application/json', sign);
}
