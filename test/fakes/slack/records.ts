/** Read access to what the fake Slack saw and holds: calls, envelopes, messages, views, files. */
import { DEFAULT_CHANNEL } from './payloads.js';
import type { CallRecorder } from './recorder.js';
import type { SocketModeServer } from './socket.js';
import type {
  Ack,
  ApiCall,
  Envelope,
  EphemeralMessage,
  Json,
  StoredFile,
  StoredMessage,
  StoredView,
  Violation,
} from './types.js';
import { topView } from './views.js';
import type { Workspace } from './workspace.js';

export class SlackRecords {
  constructor(
    readonly workspace: Workspace,
    readonly recorder: CallRecorder,
    readonly socket: SocketModeServer,
  ) {}

  get calls(): ApiCall[] {
    return this.recorder.calls;
  }

  /** Slack rules the app broke; a well-behaved app leaves this empty. */
  get violations(): Violation[] {
    return this.workspace.violations;
  }

  get envelopes(): Envelope[] {
    return this.socket.envelopes;
  }

  get acks(): Ack[] {
    return this.socket.acks;
  }

  /** Socket Mode connections opened so far, reconnections included. */
  get connectionCount(): number {
    return this.socket.connectionCount;
  }

  get openConnections(): number {
    return this.socket.openCount;
  }

  callsTo(method: string): ApiCall[] {
    return this.recorder.callsTo(method);
  }

  /** Top-level messages of a channel (thread replies excluded), oldest first. */
  messages(channel = DEFAULT_CHANNEL): StoredMessage[] {
    return this.workspace.messages(channel).filter((m) => !m.deleted && !m.thread_ts);
  }

  /** Replies in the thread under `ts`, oldest first. */
  thread(ts: string, channel = DEFAULT_CHANNEL): StoredMessage[] {
    return this.workspace.messages(channel).filter((m) => !m.deleted && m.thread_ts === ts);
  }

  get ephemerals(): EphemeralMessage[] {
    return this.workspace.ephemerals;
  }

  get files(): Map<string, StoredFile> {
    return this.workspace.files;
  }

  view(id: string): StoredView | undefined {
    return this.workspace.views.get(id);
  }

  /** The view the user sees on top of their open modal, if one is open. */
  topView(user?: string): StoredView | undefined {
    return topView(this.workspace, user);
  }

  /** The open modals' view ids, root first; one list per modal. */
  openModals(): string[][] {
    return this.workspace.stacks.filter((s) => !s.closed).map((s) => [...s.views]);
  }

  /** Bodies posted to response URLs, in order. */
  responsePosts(): Json[] {
    const posts = [...this.workspace.responseTargets.values()].flatMap((t) => t.posts);
    return posts.sort((a, b) => a.time - b.time).map((post) => post.body);
  }

  addUser(id: string, name: string): void {
    this.workspace.addUser({ id, name });
  }

  /** A user group (id such as S0OPS) with these members, as usergroups.list returns it. */
  addUserGroup(id: string, handle: string, users: string[]): void {
    this.workspace.userGroups.set(id, { id, handle, users: [...users] });
  }

  addChannel(id: string, name: string): void {
    this.workspace.channelNames.set(id, name);
  }
}
