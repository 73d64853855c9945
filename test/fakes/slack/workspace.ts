/** The fake workspace's state: ids, users, channels, messages, files, triggers, response URLs. */
import { randomFillSync } from 'node:crypto';
import type {
  EphemeralMessage,
  Json,
  ModalStack,
  ResponseUrlPost,
  SlackUser,
  StoredFile,
  StoredMessage,
  StoredView,
  Violation,
} from './types.js';

/**
 * Random bytes from a pool refilled 4 KB at a time: one randomBytes call per id (an id for
 * every block of every view) was the fake's largest single cost in bench/slack.ts.
 */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

export function randomBytesPooled(length: number): Buffer {
  if (poolAt + length > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += length;
  return Buffer.from(pool.subarray(poolAt - length, poolAt));
}

export interface Identity {
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  botToken: string;
  appToken: string;
  /** The deprecated verification token Slack still puts in every payload. */
  verificationToken: string;
}

interface Trigger {
  issuedAt: number;
  used: boolean;
  user: string;
  /** The view the interaction came from; views.push stacks onto its modal. */
  viewId?: string;
}

/** Where a response_url leads, so a post there lands where Slack would put it. */
export interface ResponseTarget {
  channel: string;
  user: string;
  messageTs?: string;
  uses: number;
  posts: ResponseUrlPost[];
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export class Workspace {
  readonly channels = new Map<string, StoredMessage[]>();
  readonly channelNames = new Map<string, string>([['C0JOBS', 'ops']]);
  readonly ephemerals: EphemeralMessage[] = [];
  readonly views = new Map<string, StoredView>();
  readonly stacks: ModalStack[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly users = new Map<string, SlackUser>();
  /** User groups by id (S…), with their members' user ids. */
  readonly userGroups = new Map<string, { id: string; handle: string; users: string[] }>();
  readonly responseTargets = new Map<string, ResponseTarget>();
  readonly violations: Violation[] = [];
  private readonly triggers = new Map<string, Trigger>();
  private tsCounter = 0;

  constructor(
    readonly identity: Identity,
    readonly baseUrl: string,
    readonly triggerTtlMs: number,
  ) {
    this.addUser({ id: 'U0ALICE', name: 'alice', real_name: 'Alice Admin' });
  }

  addUser(user: Pick<SlackUser, 'id' | 'name'> & Partial<SlackUser>): SlackUser {
    const full = { real_name: user.name, tz: 'Europe/Berlin', is_bot: false, ...user };
    this.users.set(full.id, full);
    return full;
  }

  userName(id: string): string {
    return this.users.get(id)?.name ?? id.toLowerCase();
  }

  channelName(id: string): string {
    return this.channelNames.get(id) ?? id.toLowerCase();
  }

  report(where: string, rule: string, detail: string): void {
    this.violations.push({ where, rule, detail });
  }

  /** A message ts: seconds, a dot and six digits, unique and increasing. */
  nextTs(): string {
    this.tsCounter += 1;
    const seconds = Math.floor(Date.now() / 1000);
    return `${seconds}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  nextId(prefix: string, length = 10): string {
    const bytes = randomBytesPooled(length);
    let id = prefix;
    for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
    return id;
  }

  issueTrigger(user: string, viewId?: string): string {
    const team = randomBytesPooled(4).readUInt32BE();
    const id = `${Date.now()}${this.tsCounter}.${team}.${randomBytesPooled(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: Date.now(), used: false, user, viewId });
    return id;
  }

  /** Exchanges a trigger once, within its lifetime, as views.open and views.push require. */
  useTrigger(
    id: unknown,
  ): { ok: true; user: string; viewId?: string } | { ok: false; error: string } {
    const trigger = typeof id === 'string' ? this.triggers.get(id) : undefined;
    if (!trigger) return { ok: false, error: 'invalid_arguments' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() - trigger.issuedAt > this.triggerTtlMs) {
      return { ok: false, error: 'expired_trigger_id' };
    }
    trigger.used = true;
    return { ok: true, user: trigger.user, viewId: trigger.viewId };
  }

  issueResponseUrl(target: Omit<ResponseTarget, 'uses' | 'posts'>): string {
    const id = this.nextId('R', 16);
    this.responseTargets.set(id, { ...target, uses: 0, posts: [] });
    return `${this.baseUrl}/response/${id}`;
  }

  messages(channel: string): StoredMessage[] {
    let list = this.channels.get(channel);
    if (!list) {
      list = [];
      this.channels.set(channel, list);
    }
    return list;
  }

  findMessage(channel: unknown, ts: unknown): StoredMessage | undefined {
    if (typeof channel !== 'string') return undefined;
    return this.channels.get(channel)?.find((message) => message.ts === ts && !message.deleted);
  }

  /** Stores a message in its channel (thread replies too) and returns it. */
  addMessage(fields: Omit<StoredMessage, 'ts' | 'edits' | 'deleted'>): StoredMessage {
    const message: StoredMessage = { ...fields, ts: this.nextTs(), edits: [], deleted: false };
    if (message.thread_ts !== undefined && !this.findMessage(message.channel, message.thread_ts)) {
      this.report('message', 'thread_ts_unknown', `${message.channel}/${message.thread_ts}`);
    }
    this.messages(message.channel).push(message);
    return message;
  }

  /** The bot's message as Slack returns it in API answers and interaction payloads. */
  messageJson(message: StoredMessage): Json {
    const json: Json = {
      type: 'message',
      text: message.text,
      user: message.user,
      ts: message.ts,
      team: this.identity.teamId,
      blocks: message.blocks,
    };
    if (message.bot_id)
      Object.assign(json, { bot_id: message.bot_id, app_id: this.identity.appId });
    if (message.thread_ts) json.thread_ts = message.thread_ts;
    if (message.files) json.files = message.files;
    const edit = message.edits.at(-1);
    if (edit) json.edited = { user: message.user, ts: edit.edited_ts };
    return json;
  }
}

/** Gives blocks and interactive elements the ids Slack assigns when an app leaves them out. */
export function normalizeBlocks(value: unknown, workspace: Workspace): Json[] {
  if (!Array.isArray(value)) return [];
  // A copy, so the call's recorded arguments stay as sent; JSON's is the cheaper one here.
  const blocks = JSON.parse(JSON.stringify(value)) as Json[];
  for (const block of blocks) {
    block.block_id ??= workspace.nextId('', 5);
    const elements = [
      ...(Array.isArray(block.elements) && block.type === 'actions' ? block.elements : []),
      ...(block.accessory ? [block.accessory] : []),
      ...(block.element ? [block.element] : []),
    ] as Json[];
    for (const element of elements) element.action_id ??= workspace.nextId('', 5);
  }
  return blocks;
}
