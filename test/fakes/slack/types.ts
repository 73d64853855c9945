/** Shapes the fake Slack records and hands to tests: calls, violations, messages, views, files. */

export type Json = Record<string, unknown>;

/** One Web API call as the fake received it, with what it answered. */
export interface ApiCall {
  method: string;
  /** Arguments with JSON-encoded object fields (blocks, view, files) already decoded. */
  args: Json;
  token: string | undefined;
  time: number;
  status: number;
  response: Json;
}

/** A Slack rule the app broke; tests assert the list stays empty. */
export interface Violation {
  where: string;
  rule: string;
  detail: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: Json[];
  user: string;
  bot_id?: string;
  files?: Json[];
  /** Every chat.update applied, oldest first (text and blocks as sent). */
  edits: Json[];
  deleted: boolean;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  text: string;
  blocks: Json[];
  thread_ts?: string;
  via: 'chat.postEphemeral' | 'ack' | 'response_url';
}

export interface StoredView extends Json {
  id: string;
  type: string;
  callback_id: string;
  private_metadata: string;
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  blocks: Json[];
  state: { values: Record<string, Record<string, Json>> };
}

/** A modal stack as the user sees it: the open views, root first. */
export interface ModalStack {
  user: string;
  views: string[];
  closed: boolean;
}

export interface StoredFile {
  id: string;
  filename: string;
  length: number;
  title?: string;
  content?: Buffer;
  channel?: string;
  thread_ts?: string;
  initial_comment?: string;
  completed: boolean;
}

export interface SlackUser {
  id: string;
  name: string;
  real_name: string;
  tz: string;
  is_bot: boolean;
}

export interface ResponseUrlPost {
  id: string;
  body: Json;
  time: number;
}

/** What Socket Mode sends: an envelope carrying one payload. */
export interface Envelope {
  envelope_id: string;
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: Json;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** The client's acknowledgement of an envelope, as it arrived over the socket. */
export interface Ack {
  envelope_id: string;
  payload: Json;
}
